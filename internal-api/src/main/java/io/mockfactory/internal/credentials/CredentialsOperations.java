package io.mockfactory.internal.credentials;

import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;

import java.util.Optional;

/**
 * The secrets of an environment's services, asked of the service that owns them (processes' passwords: the
 * provisioner; S3 key pairs: the storage service). The only route that reveals a secret.
 */
public interface CredentialsOperations {

    /** @return empty when this owner holds nothing of that environment for that user */
    @Get("/internal/environments/{environmentId}/credentials")
    Optional<Credentials> credentials(@PathVariable String environmentId, @QueryValue("user_id") String userId) throws Exception;
}
