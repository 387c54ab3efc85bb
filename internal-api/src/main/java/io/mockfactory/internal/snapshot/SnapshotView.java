package io.mockfactory.internal.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot as its owner sees it. {@code status} is {@code creating}, {@code ready} (it can be restored),
 * {@code failed} (with {@code last_error}; it holds nothing) or {@code deleting}.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SnapshotView(String id, String environmentId, String name, String status, long sizeBytes,
                           List<SnapshotServiceView> services, Instant createdAt, @Nullable Instant readyAt,
                           @Nullable String lastError) {
    public static final String CREATING = "creating";
    public static final String READY = "ready";
    public static final String FAILED = "failed";
    public static final String DELETING = "deleting";

    public SnapshotView {
        services = services == null ? List.of() : List.copyOf(services);
    }

    /**
     * One service's data in the snapshot.
     *
     * @param version the version the data belongs to: an environment made from the snapshot runs this one
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record SnapshotServiceView(String service, String version, long sizeBytes) {
    }
}
