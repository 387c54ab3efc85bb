package io.mockfactory.kit.internal;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The credential services present to each other ({@code X-Internal-Token}). It comes from the secret file
 * {@code mockfactory.internal.token} in a deployment and is generated per run by the local launcher. Without one
 * configured, internal calls are refused rather than trusted.
 */
@Singleton
public class InternalToken {
    public static final String HEADER = "X-Internal-Token";

    private final byte[] token;

    public InternalToken(@Nullable @Value("${mockfactory.internal.token:}") String token) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    public Optional<String> value() {
        return token == null ? Optional.empty() : Optional.of(new String(token, StandardCharsets.UTF_8));
    }

    public boolean accepts(String presented) {
        return token != null && presented != null
                && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
