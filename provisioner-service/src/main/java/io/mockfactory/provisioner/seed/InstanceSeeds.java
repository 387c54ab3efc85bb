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

    public Optional<ServiceSeed> find(Connection tx, String environmentId, String service) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("SELECT seed FROM instance_seeds WHERE environment_id = ? AND service = ?")) {
            select.setString(1, environmentId);
            select.setString(2, service);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(json.readValue(rs.getString(1), ServiceSeed.class)) : Optional.empty();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored seed is not readable", e);
        }
    }

    /** Counts one more attempt at applying the seed. @return the attempts so far, this one included */
    public int claimAttempt(Connection tx, String environmentId, String service) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE instance_seeds SET attempts = attempts + 1"
                + " WHERE environment_id = ? AND service = ? RETURNING attempts")) {
            update.setString(1, environmentId);
            update.setString(2, service);
            try (ResultSet rs = update.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
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
