package io.mockfactory.internal.credentials;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * How to reach one service, secrets included. Each type fills what its clients need: Redis {@code url, host, port,
 * username, password}; the PostgreSQL flavours also {@code database}; SQS and S3 {@code endpoint, region,
 * access_key_id, secret_access_key}. Absent fields are left out.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceCredentials(@Nullable String url, @Nullable String endpoint, @Nullable String host,
                                 @Nullable Integer port, @Nullable String username, @Nullable String password,
                                 @Nullable String database, @Nullable String region, @Nullable String accessKeyId,
                                 @Nullable String secretAccessKey) {
    @Override
    public String toString() {
        return "ServiceCredentials[" + (endpoint != null ? endpoint : host + ":" + port) + "]";
    }
}
