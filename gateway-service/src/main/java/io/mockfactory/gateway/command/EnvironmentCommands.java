package io.mockfactory.gateway.command;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.Message;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.events.command.SnapshotEnvironment;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.outbox.OutboxWriter;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Optional;

/**
 * How the gateway changes state: it never calls another service, it assigns the id and records the command in its
 * outbox; the relay publishes it to {@code mockfactory.environment.commands} keyed by environment id.
 */
@Singleton
public class EnvironmentCommands {
    private final Transactions transactions;
    private final OutboxWriter outbox;

    public EnvironmentCommands(Transactions transactions, OutboxWriter outbox) {
        this.transactions = transactions;
        this.outbox = outbox;
    }

    /** What must hold before a command is written, checked in its transaction (a quota slot); throwing writes nothing. */
    @FunctionalInterface
    public interface Reservation {
        Reservation NONE = (tx, environmentId) -> { };

        void reserve(Connection tx, String environmentId) throws Exception;
    }

    /** @return the new environment's id */
    public String requestCreate(String userId, CreateEnvironment command, Reservation reservation) throws Exception {
        String environmentId = EventIds.newId("env");
        send(userId, environmentId, command, reservation);
        return environmentId;
    }

    /** An Idempotency-Key header, when given, is 1 to 255 characters (400 otherwise, before anything is done). */
    public static void requireWellFormedKey(String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Idempotency-Key must be 1 to 255 characters.");
        }
    }

    /** @param id the environment's (or for {@link #requestSnapshot}, the snapshot's) */
    public record Accepted(String id, boolean replayed) {
    }

    /**
     * Like {@link #requestCreate} but at most once per (user, key): the key, what the request asked for and the command
     * commit together. A retry with the same key and the same request gets the first environment's id without a second
     * command; the same key with a different request is refused (422 idempotency-key-reused), as Stripe does.
     */
    public Accepted requestCreate(String userId, CreateEnvironment command, String idempotencyKey,
                                  Reservation reservation) throws Exception {
        String candidate = EventIds.newId("env");
        String fingerprint = CreateFingerprint.of(command);
        return transactions.inTransaction(tx -> {
            Optional<String> replayed = IdempotencyKeys.ENVIRONMENTS.claim(tx, userId, idempotencyKey, candidate, fingerprint);
            if (replayed.isPresent()) {
                return new Accepted(replayed.get(), true);
            }
            reservation.reserve(tx, candidate);
            outbox.append(tx, EventEnvelope.of(command).withUserId(userId).withEnvironmentId(candidate));
            return new Accepted(candidate, false);
        });
    }

    /**
     * The environment an earlier create under this key made (a retry then replays it and consumes no quota), or empty
     * for a new key; a key used before for a different request is refused here already.
     */
    public Optional<String> previous(String userId, String idempotencyKey, CreateEnvironment command) throws Exception {
        String fingerprint = CreateFingerprint.of(command);
        return transactions.inTransaction(tx -> IdempotencyKeys.ENVIRONMENTS.existing(tx, userId, idempotencyKey, fingerprint));
    }

    /**
     * A clone: the snapshot of the source (keyed by it) and the create restoring it (keyed by the new environment)
     * commit together, so neither goes out without the other; with a key, at most once per (user, key) as a create.
     */
    public Accepted requestClone(String userId, String sourceId, Message snapshot, CreateEnvironment create,
                                 String idempotencyKey, Reservation reservation) throws Exception {
        String environmentId = EventIds.newId("env");
        String fingerprint = CreateFingerprint.ofClone(sourceId, create);
        return transactions.inTransaction(tx -> {
            if (idempotencyKey != null) {
                Optional<String> replayed = IdempotencyKeys.ENVIRONMENTS.claim(tx, userId, idempotencyKey, environmentId,
                        fingerprint);
                if (replayed.isPresent()) {
                    return new Accepted(replayed.get(), true);
                }
            }
            reservation.reserve(tx, environmentId);
            outbox.append(tx, EventEnvelope.of(snapshot).withUserId(userId).withEnvironmentId(sourceId));
            outbox.append(tx, EventEnvelope.of(create).withUserId(userId).withEnvironmentId(environmentId));
            return new Accepted(environmentId, false);
        });
    }

    /** The clone an earlier request under this key made, as {@link #previous} for creates. */
    public Optional<String> previousClone(String userId, String idempotencyKey, String sourceId, CreateEnvironment create)
            throws Exception {
        String fingerprint = CreateFingerprint.ofClone(sourceId, create);
        return transactions.inTransaction(tx -> IdempotencyKeys.ENVIRONMENTS.existing(tx, userId, idempotencyKey, fingerprint));
    }

    /**
     * A snapshot of an environment, keyed by it; with a key, at most once per (user, key): a retry gets the first
     * snapshot's id back. @return the snapshot id (the one in {@code snapshot} unless replayed)
     */
    public Accepted requestSnapshot(String userId, String environmentId, SnapshotEnvironment snapshot,
                                    String idempotencyKey) throws Exception {
        String fingerprint = CreateFingerprint.ofSnapshot(environmentId, snapshot.name());
        return transactions.inTransaction(tx -> {
            if (idempotencyKey != null) {
                Optional<String> replayed = IdempotencyKeys.SNAPSHOTS.claim(tx, userId, idempotencyKey,
                        snapshot.snapshotId(), fingerprint);
                if (replayed.isPresent()) {
                    return new Accepted(replayed.get(), true);
                }
            }
            outbox.append(tx, EventEnvelope.of(snapshot).withUserId(userId).withEnvironmentId(environmentId));
            return new Accepted(snapshot.snapshotId(), false);
        });
    }

    /** The snapshot an earlier request under this key took, or empty for a new key. */
    public Optional<String> previousSnapshot(String userId, String idempotencyKey, String environmentId, String name)
            throws Exception {
        String fingerprint = CreateFingerprint.ofSnapshot(environmentId, name);
        return transactions.inTransaction(tx -> IdempotencyKeys.SNAPSHOTS.existing(tx, userId, idempotencyKey, fingerprint));
    }

    /** Start, stop and destroy all address an existing environment. */
    public EventEnvelope send(String userId, String environmentId, Message command) throws Exception {
        return send(userId, environmentId, command, Reservation.NONE);
    }

    public EventEnvelope send(String userId, String environmentId, Message command, Reservation reservation) throws Exception {
        EventEnvelope envelope = EventEnvelope.of(command).withUserId(userId).withEnvironmentId(environmentId);
        return transactions.inTransaction(tx -> {
            reservation.reserve(tx, environmentId);
            return outbox.append(tx, envelope);
        });
    }
}
