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

/** The {@code instance_seeds} table: a service's seed from its create command until its first start settles. */
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

    /** A seed and how many first starts have begun applying it, this one included. */
    public record Claimed(ServiceSeed seed, int attempts) {
    }

    /** Counts one more attempt at applying the service's seed, if it has one, and reads it in the same statement. */
    public Optional<Claimed> claimAttempt(Connection tx, String environmentId, String service) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE instance_seeds SET attempts = attempts + 1"
                + " WHERE environment_id = ? AND service = ? RETURNING seed, attempts")) {
            update.setString(1, environmentId);
            update.setString(2, service);
            try (ResultSet rs = update.executeQuery()) {
                return rs.next() ? Optional.of(new Claimed(json.readValue(rs.getString(1), ServiceSeed.class), rs.getInt(2)))
                        : Optional.empty();
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
