package io.mockfactory.internal.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * What a user stores now across all their environments, exactly as the storage quota counts it: the bytes of their
 * objects plus those of the parts of their unfinished multipart uploads and of their environment snapshots;
 * {@code objects} counts objects only.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StorageUsage(long bytes, long objects) {
}
