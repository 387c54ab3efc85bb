package io.mockfactory.environment.readmodel;

import io.mockfactory.events.status.EnvironmentStatus;
import io.mockfactory.events.EnvelopeCodec;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.kit.db.NamedStatement;
import io.mockfactory.kit.tier.Tiers;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes to the read model, always on the caller's (inbox) transaction. */
@Singleton
public class EnvironmentRecords {
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final Tiers tiers;
    private final StatusChanges changes;

    public EnvironmentRecords(Tiers tiers, StatusChanges changes) {
        this.tiers = tiers;
        this.changes = changes;
    }

    /** @return false if the environment already existed (the command was a retry under the same id) */
    public boolean insertRequested(Connection tx, EventEnvelope command, CreateEnvironment create) throws SQLException {
        Instant createdAt = command.occurredAt();
        try (PreparedStatement insert = tx.prepareStatement("""
                INSERT INTO environments (id, user_id, name, status, services, ttl_minutes, created_at, expires_at,
                                          idle_minutes)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")) {
            insert.setString(1, command.environmentId());
            insert.setString(2, command.userId());
            insert.setString(3, create.name());
            insert.setString(4, EnvironmentStatus.PROVISIONING.wireName());
            insert.setString(5, servicesJson(command));
            insert.setObject(6, create.ttlMinutes());
            insert.setTimestamp(7, Timestamp.from(createdAt));
            insert.setTimestamp(8, create.ttlMinutes() == null ? null
                    : Timestamp.from(createdAt.plusSeconds(60L * create.ttlMinutes())));
            insert.setObject(9, tiers.effectiveLimits(create.tier()).idleShutdownMinutes());
            return insert.executeUpdate() == 1;
        }
    }

    public void moveTo(Connection tx, String environmentId, EnvironmentStatus status, Instant at, String error)
            throws SQLException {
        try (NamedStatement update = NamedStatement.prepare(tx, """
                UPDATE environments SET status = :status, updated_at = now(),
                    started_at = CASE WHEN :running THEN :at ELSE started_at END,
                    stopped_at = CASE WHEN :ended THEN :at WHEN :running THEN NULL ELSE stopped_at END,
                    last_error = CASE WHEN :failed THEN :error ELSE last_error END
                WHERE id = :id AND status <> :destroyed""")) {
            update.setString("status", status.wireName()).setObject("at", Timestamp.from(at))
                    .setObject("running", status == EnvironmentStatus.RUNNING)
                    .setObject("ended", status == EnvironmentStatus.STOPPED || status == EnvironmentStatus.DESTROYED)
                    .setObject("failed", status == EnvironmentStatus.FAILED).setString("error", error)
                    .setString("id", environmentId).setString("destroyed", EnvironmentStatus.DESTROYED.wireName());
            if (update.statement().executeUpdate() == 1) {
                changes.signal(tx, environmentId);
            }
        }
    }

    /** Merges {@code state} into the service's entry, e.g. {"status":"running","port":30001}. */
    public void updateService(Connection tx, String environmentId, String service, String stateJson,
                              String maskedEndpoint) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("""
                UPDATE environments SET
                    services = jsonb_set(services, ARRAY[?], COALESCE(services -> ?, '{}'::jsonb) || ?::jsonb, true),
                    endpoints = CASE WHEN ?::text IS NULL THEN endpoints ELSE jsonb_set(endpoints, ARRAY[?], to_jsonb(?::text), true) END,
                    updated_at = now()
                WHERE id = ? AND status <> 'destroyed'""")) {
            update.setString(1, service);
            update.setString(2, service);
            update.setString(3, stateJson);
            update.setString(4, maskedEndpoint);
            update.setString(5, service);
            update.setString(6, maskedEndpoint);
            update.setString(7, environmentId);
            update.executeUpdate();
        }
    }

    /** Locks the environment's row for the rest of the transaction, so two service events cannot both miss the roll-up. */
    public Optional<EnvironmentStatus> lockStatus(Connection tx, String environmentId) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("SELECT status FROM environments WHERE id = ? FOR UPDATE")) {
            select.setString(1, environmentId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next()
                        ? Optional.of(EnvironmentStatus.valueOf(rows.getString(1).toUpperCase(Locale.ROOT)))
                        : Optional.empty();
            }
        }
    }

    /** @return the status of every service the environment asked for; {@code null} for one not reported yet */
    public List<String> serviceStatuses(Connection tx, String environmentId) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement(
                "SELECT s.value ->> 'status' FROM environments e, jsonb_each(e.services) s WHERE e.id = ?")) {
            select.setString(1, environmentId);
            List<String> statuses = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    statuses.add(rows.getString(1));
                }
            }
            return statuses;
        }
    }

    /** Client activity (or a start) keeps the environment from being stopped as idle. */
    public void touch(Connection tx, String environmentId, Instant at) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("""
                UPDATE environments SET last_activity_at = GREATEST(COALESCE(last_activity_at, ?), ?) WHERE id = ?""")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setTimestamp(2, Timestamp.from(at));
            update.setString(3, environmentId);
            update.executeUpdate();
        }
    }

    public void appendHistory(Connection tx, EventEnvelope event) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("""
                INSERT INTO environment_history (environment_id, event_id, type, occurred_at, payload)
                VALUES (?, ?, ?, ?, ?::jsonb)""")) {
            insert.setString(1, event.environmentId());
            insert.setString(2, event.eventId());
            insert.setString(3, event.type());
            insert.setTimestamp(4, Timestamp.from(event.occurredAt()));
            insert.setString(5, payloadJson(event));
            insert.executeUpdate();
        }
    }

    private String servicesJson(EventEnvelope command) {
        return codec.payloadTree(command).path("services").toString();
    }

    private String payloadJson(EventEnvelope event) {
        return codec.payloadTree(event).toString();
    }
}
