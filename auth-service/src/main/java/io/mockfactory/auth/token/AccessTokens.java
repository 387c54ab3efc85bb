package io.mockfactory.auth.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mockfactory.events.EventIds;
import io.mockfactory.kit.auth.AccessTokenClaims;
import io.mockfactory.kit.auth.AccessTokenVerifier;
import io.mockfactory.kit.auth.TokenIdentity;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/** Issues short-lived ES256 access tokens and verifies them against this service's own keys. */
@Singleton
public class AccessTokens {
    private final SigningKeys keys;
    private final TokenSettings settings;
    private final TokenIdentity identity;
    private final AccessTokenVerifier verifier;

    public record IssuedToken(String token, String jti, Instant expiresAt) {
    }

    public AccessTokens(SigningKeys keys, TokenSettings settings, TokenIdentity identity) {
        this.keys = keys;
        this.settings = settings;
        this.identity = identity;
        JWKSource<SecurityContext> source = (JWKSelector selector, SecurityContext context) -> {
            String kid = selector.getMatcher().getKeyIDs() == null || selector.getMatcher().getKeyIDs().isEmpty()
                    ? null : selector.getMatcher().getKeyIDs().iterator().next();
            try {
                return kid == null ? List.of() : keys.find(kid).<List<JWK>>map(List::of).orElse(List.of());
            } catch (Exception e) {
                return List.of();
            }
        };
        this.verifier = new AccessTokenVerifier(source, identity.getIssuer(), identity.getAudience());
    }

    public IssuedToken issue(String userId, String tier) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(settings.getAccessTokenTtl());
        String jti = EventIds.newId("jti");
        var signingKey = keys.active();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signingKey.getKeyID())
                .type(AccessTokenVerifier.TOKEN_TYPE).build(),
                new JWTClaimsSet.Builder().subject(userId).issuer(identity.getIssuer()).audience(identity.getAudience())
                        .issueTime(Date.from(now)).expirationTime(Date.from(expiresAt)).jwtID(jti)
                        .claim("tier", tier).build());
        jwt.sign(new ECDSASigner(signingKey));
        return new IssuedToken(jwt.serialize(), jti, expiresAt);
    }

    public Optional<AccessTokenClaims> verify(String token) {
        return verifier.verify(token);
    }

    public long ttlSeconds() {
        return settings.getAccessTokenTtl().toSeconds();
    }
}
