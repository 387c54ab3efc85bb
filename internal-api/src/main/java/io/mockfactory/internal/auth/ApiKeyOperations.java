package io.mockfactory.internal.auth;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;

import java.util.Optional;

/** auth-service's answer to the gateway: is this API key live, and whose? */
public interface ApiKeyOperations {

    /** @return empty for an unknown or revoked key */
    @Post("/internal/api-keys/verify")
    Optional<VerifiedKey> verify(@Body VerifyRequest request) throws Exception;
}
