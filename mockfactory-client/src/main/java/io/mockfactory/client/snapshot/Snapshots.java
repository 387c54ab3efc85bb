package io.mockfactory.client.snapshot;

import io.mockfactory.client.http.JustCreated;
import io.mockfactory.client.http.AllPages;
import io.mockfactory.client.error.NotFoundException;
import io.mockfactory.client.error.SnapshotFailedException;
import io.mockfactory.client.error.UnavailableException;
import io.mockfactory.client.error.WaitTimeoutException;
import io.mockfactory.client.http.ApiTransport;
import io.mockfactory.client.http.ApiTransport.Repeatable;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The caller's snapshots: copies of a running environment's data (every service's, S3 and queues included), taken
 * without stopping it, to start new environments from ({@code EnvironmentSpec.named(…).fromSnapshot(id)}) as often
 * as wanted. A clone, a snapshot and a create in one, is {@code Environments.clone}. The API keeps 20 snapshots per
 * user.
 */
public final class Snapshots {
    /** How long {@link #create(String, String)} waits for the copy; the gateway's own bounded wait is part of it. */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
    /** A long copy is polled at this pace, well within a beginner's 120 requests a minute. */
    private static final Duration POLL = Duration.ofSeconds(1);
    /** How long a just-requested snapshot may be unknown: the provisioner records it asynchronously. */
    private static final Duration NOT_YET_VISIBLE = Duration.ofSeconds(15);

    private final ApiTransport transport;

    public Snapshots(ApiTransport transport) {
        this.transport = transport;
    }

    /** As {@link #create(String, String, Duration)}, waiting at most {@link #DEFAULT_WAIT}. */
    public Snapshot create(String environmentId, String name) {
        return create(environmentId, name, DEFAULT_WAIT);
    }

    /**
     * Snapshots every service's data of a running environment and returns once the snapshot is ready. The API waits
     * a while itself and usually answers ready; a longer copy is then polled every second.
     *
     * @param name 1 to 63 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit
     * @throws io.mockfactory.client.error.ConflictException when the environment is neither running nor stopped
     * @throws io.mockfactory.client.error.ValidationException for a bad name, or (422 {@code feature-unavailable})
     *         an environment with a service whose data this deployment cannot snapshot (containers of the docker
     *         runtime)
     * @throws io.mockfactory.client.error.QuotaExceededException when the caller keeps the most snapshots allowed
     * @throws SnapshotFailedException when the copy failed: the message has the API's {@code last_error}
     * @throws WaitTimeoutException when it is still not ready after {@code wait}
     */
    public Snapshot create(String environmentId, String name, Duration wait) {
        Instant started = Instant.now();
        // A generated Idempotency-Key: the retries after a lost connection take the snapshot once
        Snapshot answered = Snapshot.from(transport.send("POST", snapshotsOf(environmentId), Map.of("name", name),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()), Repeatable.YES));
        return settled(answered) ? requireReady(answered) : await(answered.id(), started, wait);
    }

    /** Asks for the snapshot and returns at once, usually still {@code creating}; see {@link #awaitReady}. */
    public Snapshot request(String environmentId, String name) {
        return Snapshot.from(transport.send("POST", snapshotsOf(environmentId), Map.of("name", name),
                Map.of("Prefer", "respond-async", "Idempotency-Key", UUID.randomUUID().toString()), Repeatable.YES));
    }

    /**
     * Waits until the snapshot is ready, polling every second. A 404 in the first 15 s is taken as "not recorded
     * yet" (a request is answered before the provisioner has it).
     *
     * @throws SnapshotFailedException when it fails or is deleted meanwhile
     * @throws WaitTimeoutException when it is still not ready after {@code wait}
     */
    public Snapshot awaitReady(String id, Duration wait) {
        return await(id, Instant.now(), wait);
    }

    /** @throws NotFoundException for a snapshot the caller does not have (or no longer has) */
    public Snapshot get(String id) {
        return Snapshot.from(transport.get(snapshot(id)));
    }

    /** One page, newest first; {@code cursor} null for the first. */
    public SnapshotPage page(int limit, String cursor) {
        return AllPages.read(transport, "/api/v1/snapshots", limit, cursor, Snapshot::from, SnapshotPage::new);
    }

    /** Every snapshot of the caller, newest first, fetching pages of 100 as the iteration reaches them. */
    public Iterable<Snapshot> all() {
        return AllPages.of(cursor -> page(100, cursor));
    }

    /**
     * Deletes the snapshot and its data; environments made from it keep theirs. One an environment is still being
     * made from goes once that environment has its data.
     *
     * @throws NotFoundException for a snapshot the caller does not have, or one already deleted
     */
    public void delete(String id) {
        transport.send("DELETE", snapshot(id), null, Map.of(), Repeatable.YES);
    }

    private Snapshot await(String id, Instant started, Duration wait) {
        Instant deadline = started.plus(wait);
        while (true) {
            Snapshot current = visible(id, started);
            if (current != null && settled(current)) {
                return requireReady(current);
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new WaitTimeoutException("Snapshot", id, current == null ? "not visible" : current.status(), wait);
            }
            sleep(id, left.compareTo(POLL) < 0 ? left : POLL);
        }
    }

    /** @return the snapshot, or null while a 404 may still mean "not recorded yet" */
    private Snapshot visible(String id, Instant waitStarted) {
        return JustCreated.readOrNull(() -> get(id), waitStarted, NOT_YET_VISIBLE);
    }

    private static boolean settled(Snapshot snapshot) {
        return snapshot.isReady() || snapshot.isGone();
    }

    private static Snapshot requireReady(Snapshot snapshot) {
        if (!snapshot.isReady()) {
            throw new SnapshotFailedException(snapshot.id(), snapshot.status(), snapshot.lastError());
        }
        return snapshot;
    }

    private static void sleep(String id, Duration pause) {
        try {
            Thread.sleep(Math.max(1, pause.toMillis()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("Interrupted while waiting for snapshot " + id, interrupted);
        }
    }

    private static String snapshotsOf(String environmentId) {
        return "/api/v1/environments/" + pathSegment(environmentId) + "/snapshots";
    }

    private static String snapshot(String id) {
        return "/api/v1/snapshots/" + pathSegment(id);
    }

    private static String pathSegment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
