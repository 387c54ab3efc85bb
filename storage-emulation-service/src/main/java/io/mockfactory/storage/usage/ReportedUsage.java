package io.mockfactory.storage.usage;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The figure each environment was last reported to billing with: the standing step of billing's step function. */
@Singleton
public class ReportedUsage {

    /** @return by environment id */
    public Map<String, EnvironmentUsage> all(Connection tx) throws SQLException {
        Map<String, EnvironmentUsage> all = new HashMap<>();
        try (PreparedStatement select = tx.prepareStatement(
                "SELECT environment_id, user_id, bytes, objects FROM storage_usage_reported");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                all.put(rows.getString(1), new EnvironmentUsage(rows.getString(1), rows.getString(2), rows.getLong(3),
                        rows.getLong(4)));
            }
        }
        return all;
    }

    public void put(Connection tx, EnvironmentUsage reported) throws SQLException {
        try (PreparedStatement upsert = tx.prepareStatement("""
                INSERT INTO storage_usage_reported (environment_id, user_id, bytes, objects, reported_at)
                VALUES (?, ?, ?, ?, now())
                ON CONFLICT (environment_id) DO UPDATE
                SET user_id = EXCLUDED.user_id, bytes = EXCLUDED.bytes, objects = EXCLUDED.objects,
                    reported_at = EXCLUDED.reported_at""")) {
            upsert.setString(1, reported.environmentId());
            upsert.setString(2, reported.userId());
            upsert.setLong(3, reported.bytes());
            upsert.setLong(4, reported.objects());
            upsert.executeUpdate();
        }
    }

    /** @return the figure that stood, if any */
    public Optional<EnvironmentUsage> remove(Connection tx, String environmentId) throws SQLException {
        try (PreparedStatement delete = tx.prepareStatement(
                "DELETE FROM storage_usage_reported WHERE environment_id = ? RETURNING environment_id, user_id, bytes, objects")) {
            delete.setString(1, environmentId);
            try (ResultSet row = delete.executeQuery()) {
                return row.next()
                        ? Optional.of(new EnvironmentUsage(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4)))
                        : Optional.empty();
            }
        }
    }
}
