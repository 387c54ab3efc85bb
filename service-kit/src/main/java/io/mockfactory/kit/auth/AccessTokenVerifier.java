package io.mockfactory.kit.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;

/**
 * Verifies MockFactory access tokens: ES256 only (so {@code alg=none} and HMAC-with-the-public-key are rejected
 * before any key is used), a known {@code kid}, the expected {@code typ}, {@code iss} and {@code aud}, and an
 * unexpired {@code exp}. Where the keys come from (local store, remote JWKS) is the caller's choice.
 */
public final class AccessTokenVerifier {
    public static final JOSEObjectType TOKEN_TYPE = new JOSEObjectType("at+jwt");

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokenVerifier.class);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public AccessTokenVerifier(JWKSource<SecurityContext> keys, String issuer, String audience) {
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TOKEN_TYPE));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat", "jti", "tier")));
    }

    /** @return the claims, or empty for any token that is malformed, forged, expired or not ours */
    public Optional<AccessTokenClaims> verify(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            return Optional.of(new AccessTokenClaims(claims.getSubject(), claims.getStringClaim("tier"),
                    claims.getJWTID(), claims.getExpirationTime().toInstant()));
        } catch (Exception e) {
            LOG.debug("Access token refused ({})", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
