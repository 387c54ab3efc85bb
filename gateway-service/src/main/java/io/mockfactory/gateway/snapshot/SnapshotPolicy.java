package io.mockfactory.gateway.snapshot;

import io.micronaut.context.annotation.Value;
import io.mockfactory.events.status.EnvironmentStatus;
import io.mockfactory.gateway.internal.PeerCalls;
import io.mockfactory.gateway.internal.Peers;
import io.mockfactory.gateway.internal.StorageClient;
import io.mockfactory.kit.tier.TierLimits;
import jakarta.inject.Named;
import io.mockfactory.internal.environment.EnvironmentView;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What a snapshot (or a clone, which takes one) needs before its command is written. */
@Singleton
public class SnapshotPolicy {
    /** The types whose data this version copies (every one, as local processes, containers or emulated; see the README). */
    private static final Set<String> SNAPSHOTTABLE = Set.of("redis", "postgresql", "postgresql_pgvector", "postgis",
            "elasticmq", "aws_s3");

    private final int perUser;
    private final Duration wait;
    private final SnapshotReadModel snapshots;
    private final StorageClient storage;
    private final PeerCalls storageCalls;

    public SnapshotPolicy(SnapshotReadModel snapshots, StorageClient storage,
                          @Named(Peers.STORAGE) PeerCalls storageCalls,
                          @Value("${mockfactory.gateway.snapshots.per-user:20}") int perUser,
                          @Value("${mockfactory.gateway.environments.wait:30s}") Duration wait) {
        this.snapshots = snapshots;
        this.storage = storage;
        this.storageCalls = storageCalls;
        this.perUser = perUser;
        this.wait = wait;
    }

    /**
     * Running (its servers are asked for a consistent copy) or stopped (its files are copied as they are; a start
     * waits for the copy), and only types whose data this version can copy.
     */
    void requireSnapshottable(EnvironmentView environment) {
        if (!EnvironmentStatus.RUNNING.wireName().equals(environment.status())
                && !EnvironmentStatus.STOPPED.wireName().equals(environment.status())) {
            throw new ProblemException(ProblemType.CONFLICT, "The environment is " + environment.status()
                    + "; only a running or stopped environment can be snapshotted or cloned.");
        }
        List<String> unsupported = environment.services().keySet().stream().filter(type -> !SNAPSHOTTABLE.contains(type))
                .sorted().toList();
        if (!unsupported.isEmpty()) {
            throw new ProblemException(ProblemType.FEATURE_UNAVAILABLE, "Snapshots of " + String.join(" and ", unsupported)
                    + " are not available in this version. Nothing was taken.");
        }
    }

    /** Each service type of the environment with its version: the snapshot command tells every owner what it has. */
    static Map<String, String> versions(EnvironmentView environment) {
        Map<String, String> versions = new TreeMap<>();
        environment.services().forEach((type, state) -> versions.put(type, state.version() == null ? "latest"
                : state.version()));
        return versions;
    }

    /**
     * Under the per-user count, and some of the tier's storage quota left (snapshots count against it with S3 objects;
     * a snapshot's size is known only once taken, so the one that fills the quota is still taken).
     */
    void requireRoomForOneMore(String userId, TierLimits limits) {
        if (snapshots.count(userId) >= perUser) {
            throw new ProblemException(ProblemType.QUOTA_EXCEEDED, "You keep " + perUser + " snapshots, the most allowed;"
                    + " delete one (DELETE /api/v1/snapshots/{id}) to take another.");
        }
        requireStorageLeft(userId, limits);
    }

    /** A clone's own snapshot is not one of the user's to count, but it takes storage until the clone has its data. */
    void requireStorageLeft(String userId, TierLimits limits) {
        long stored = storageCalls.call(() -> storage.usage(userId)).bytes();
        if (stored >= limits.storageBytes()) {
            throw new ProblemException(ProblemType.QUOTA_EXCEEDED, "Your snapshots and S3 objects use " + stored
                    + " bytes, the whole storage quota of your tier (" + limits.storageBytes() + "); delete some to take"
                    + " another snapshot or clone.");
        }
    }

    Duration settleWait() {
        return wait;
    }
}
