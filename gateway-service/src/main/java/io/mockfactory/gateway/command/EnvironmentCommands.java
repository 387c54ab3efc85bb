package io.mockfactory.gateway.command;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.Message;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.outbox.OutboxWriter;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

    public record Accepted(String environmentId, boolean replayed) {
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
            try (PreparedStatement claim = tx.prepareStatement("INSERT INTO idempotency_keys (user_id, idempotency_key, "
                    + "environment_id, request_fingerprint) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                claim.setString(1, userId);
                claim.setString(2, idempotencyKey);
                claim.setString(3, candidate);
                claim.setString(4, fingerprint);
                if (claim.executeUpdate() == 0) {
                    return new Accepted(existing(tx, userId, idempotencyKey, fingerprint).orElseThrow(), true);
                }
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
        return transactions.inTransaction(tx -> existing(tx, userId, idempotencyKey, fingerprint));
    }

    private static Optional<String> existing(Connection tx, String userId, String key, String fingerprint) throws Exception {
        try (PreparedStatement select = tx.prepareStatement("SELECT environment_id, request_fingerprint FROM "
                + "idempotency_keys WHERE user_id = ? AND idempotency_key = ?")) {
            select.setString(1, userId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String recorded = rs.getString(2);
                if (recorded != null && !recorded.equals(fingerprint)) {
                    throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for a "
                            + "different request; use a new key for a new request.");
                }
                return Optional.of(rs.getString(1));
            }
        }
    }

    /**
     * A clone: the snapshot of the source (keyed by it) and the create restoring it (keyed by the new environment)
     * commit together, so neither goes out without the other. @return the new environment's id
     */
    public String requestClone(String userId, String sourceId, Message snapshot, CreateEnvironment create,
                               Reservation reservation) throws Exception {
        String environmentId = EventIds.newId("env");
        transactions.inTransaction(tx -> {
            reservation.reserve(tx, environmentId);
            outbox.append(tx, EventEnvelope.of(snapshot).withUserId(userId).withEnvironmentId(sourceId));
            return outbox.append(tx, EventEnvelope.of(create).withUserId(userId).withEnvironmentId(environmentId));
        });
        return environmentId;
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
