package io.mockfactory.gateway.environment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/**
 * The create body as the OpenAPI document shows it; {@link CreateEnvironmentValidator} reads exactly these fields.
 * {@code services} maps a service type to its settings.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@Schema(description = "Fields not listed here are ignored.")
public record CreateEnvironmentRequest(
        @Schema(description = "1 to 63 letters, digits, spaces, '.', '_' or '-'") String name,
        Map<String, ServiceSettings> services,
        @Nullable @Schema(description = "Destroyed this many minutes after creation (1 to 10080)", minimum = "1",
                maximum = "10080") Integer ttlMinutes) {

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ServiceSettings(
            @Nullable @Schema(description = "One of the catalog's versions, or latest (the default)") String version,
            @Nullable @Schema(description = "aws_s3 only: the region its credentials name") String region) {
    }
}
