package io.mockfactory.gateway.command;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.Message;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.outbox.OutboxWriter;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

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

    /** @return the new environment's id */
    public String requestCreate(String userId, CreateEnvironment command) throws Exception {
        String environmentId = EventIds.newId("env");
        send(userId, environmentId, command);
        return environmentId;
    }

    public record Accepted(String environmentId, boolean replayed) {
    }

    /**
     * Like {@link #requestCreate} but at most once per (user, key): the key and the command commit together, and a
     * retry with the same key gets the first environment's id without a second command.
     */
    public Accepted requestCreate(String userId, CreateEnvironment command, String idempotencyKey) throws Exception {
        String candidate = EventIds.newId("env");
        return transactions.inTransaction(tx -> {
            try (PreparedStatement claim = tx.prepareStatement("INSERT INTO idempotency_keys (user_id, idempotency_key, "
                    + "environment_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                claim.setString(1, userId);
                claim.setString(2, idempotencyKey);
                claim.setString(3, candidate);
                if (claim.executeUpdate() == 0) {
                    return new Accepted(existing(tx, userId, idempotencyKey), true);
                }
            }
            outbox.append(tx, EventEnvelope.of(command).withUserId(userId).withEnvironmentId(candidate));
            return new Accepted(candidate, false);
        });
    }

    /** Whether a create under this key was accepted before (a retry then replays it and consumes no quota). */
    public boolean isKnown(String userId, String idempotencyKey) throws Exception {
        return transactions.inTransaction(tx -> {
            try (PreparedStatement select = tx.prepareStatement(
                    "SELECT 1 FROM idempotency_keys WHERE user_id = ? AND idempotency_key = ?")) {
                select.setString(1, userId);
                select.setString(2, idempotencyKey);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private static String existing(Connection tx, String userId, String key) throws Exception {
        try (PreparedStatement select = tx.prepareStatement(
                "SELECT environment_id FROM idempotency_keys WHERE user_id = ? AND idempotency_key = ?")) {
            select.setString(1, userId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Start, stop and destroy all address an existing environment. */
    public EventEnvelope send(String userId, String environmentId, Message command) throws Exception {
        EventEnvelope envelope = EventEnvelope.of(command).withUserId(userId).withEnvironmentId(environmentId);
        return transactions.inTransaction(tx -> outbox.append(tx, envelope));
    }
}
