package io.mockfactory.gateway.snapshot;

import io.mockfactory.events.EventIds;
import io.mockfactory.gateway.internal.Peers;
import io.mockfactory.gateway.internal.PeerCalls;
import io.mockfactory.gateway.internal.ProvisionerClient;
import io.mockfactory.internal.snapshot.SnapshotView;
import io.mockfactory.kit.web.Page;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The provisioner's snapshots as the gateway reads them, through its breaker; every read names the owner. */
@Singleton
public class SnapshotReadModel {
    public static final String PREFIX = "snap";
    private static final long POLL_MILLIS = 100;

    private final ProvisionerClient provisioner;
    private final PeerCalls calls;

    public SnapshotReadModel(ProvisionerClient provisioner, @Named(Peers.PROVISIONER) PeerCalls calls) {
        this.provisioner = provisioner;
        this.calls = calls;
    }

    /** An id of the wrong shape is the same 404 as an unknown one, and reaches no query. */
    public Optional<SnapshotView> find(String userId, String snapshotId) {
        if (!EventIds.isWellFormed(PREFIX, snapshotId)) {
            return Optional.empty();
        }
        return calls.call(() -> provisioner.snapshot(snapshotId, userId));
    }

    public SnapshotView owned(String userId, String snapshotId) {
        return find(userId, snapshotId).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No snapshot with this id."));
    }

    public Page<SnapshotView> list(String userId, int limit, String cursor) {
        return calls.call(() -> provisioner.snapshots(userId, String.valueOf(limit), cursor));
    }

    public int count(String userId) {
        return calls.call(() -> provisioner.snapshotCount(userId));
    }

    /**
     * Polls until the snapshot's status is one of {@code targets}, it is gone ({@code empty}), or {@code wait} passes
     * (its latest view). The provisioner's rows are the only record, so there is no read model to long-poll.
     */
    public Optional<SnapshotView> await(String userId, String snapshotId, Set<String> targets, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Optional<SnapshotView> seen = find(userId, snapshotId);
        while (System.nanoTime() < deadline && (seen.isEmpty() || !targets.contains(seen.get().status()))) {
            Thread.sleep(POLL_MILLIS);
            seen = find(userId, snapshotId);
        }
        return seen;
    }

    /** Polls until the snapshot is gone or {@code wait} passes. @return whether it is gone */
    public boolean awaitGone(String userId, String snapshotId, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean gone = find(userId, snapshotId).isEmpty();
        while (!gone && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            gone = find(userId, snapshotId).isEmpty();
        }
        return gone;
    }
}
