package io.mockfactory.provisioner.seed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockfactory.events.seed.ServiceSeed;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The {@code instance_seeds} table: what a service starts with (its seed, or the snapshot it is restored from) from its
 * create command until its first start settles.
 */
@Singleton
public class InstanceSeeds {
    private final ObjectMapper json = new ObjectMapper();

    public void insert(Connection tx, String environmentId, String service, ServiceSeed seed) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO instance_seeds (environment_id, service, seed)"
                + " VALUES (?, ?, ?::jsonb) ON CONFLICT DO NOTHING")) {
            insert.setString(1, environmentId);
            insert.setString(2, service);
            insert.setString(3, json.writeValueAsString(seed));
            insert.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A seed could not be written as JSON", e);
        }
    }

    /** The first start restores {@code snapshotId}'s copy of the service instead of starting empty. */
    public void insertRestore(Connection tx, String environmentId, String service, String snapshotId) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO instance_seeds (environment_id, service,"
                + " snapshot_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, environmentId);
            insert.setString(2, service);
            insert.setString(3, snapshotId);
            insert.executeUpdate();
        }
    }

    /**
     * A seed or a snapshot to restore (exactly one is set) and how many first starts have begun applying it, this one
     * included.
     */
    public record Claimed(ServiceSeed seed, String snapshotId, int attempts) {
    }

    /** The snapshot the service's first start restores, if it restores one. */
    public Optional<String> snapshotToRestore(Connection tx, String environmentId, String service) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("SELECT snapshot_id FROM instance_seeds"
                + " WHERE environment_id = ? AND service = ? AND snapshot_id IS NOT NULL")) {
            select.setString(1, environmentId);
            select.setString(2, service);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Counts one more attempt at applying the service's seed, if it has one, and reads it in the same statement. */
    public Optional<Claimed> claimAttempt(Connection tx, String environmentId, String service) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE instance_seeds SET attempts = attempts + 1"
                + " WHERE environment_id = ? AND service = ? RETURNING seed, snapshot_id, attempts")) {
            update.setString(1, environmentId);
            update.setString(2, service);
            try (ResultSet rs = update.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String seed = rs.getString(1);
                return Optional.of(new Claimed(seed == null ? null : json.readValue(seed, ServiceSeed.class),
                        rs.getString(2), rs.getInt(3)));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored seed is not readable", e);
        }
    }

    public void delete(Connection tx, String environmentId, String service) throws SQLException {
        try (PreparedStatement delete = tx.prepareStatement("DELETE FROM instance_seeds WHERE environment_id = ? AND service = ?")) {
            delete.setString(1, environmentId);
            delete.setString(2, service);
            delete.executeUpdate();
        }
    }
}
