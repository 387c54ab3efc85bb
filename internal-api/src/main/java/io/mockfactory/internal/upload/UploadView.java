package io.mockfactory.internal.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;

/**
 * A file a user uploaded to seed environments with, as the API shows it: never its bytes.
 *
 * @param format what the bytes are, read from them: {@code tar}, {@code tar.gz} or {@code zip}
 * @param sha256 hex, of the bytes as uploaded
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UploadView(String id, @Nullable String name, String format, long sizeBytes, String sha256,
                         Instant createdAt) {
}
