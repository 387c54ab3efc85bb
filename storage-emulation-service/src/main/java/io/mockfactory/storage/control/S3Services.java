package io.mockfactory.storage.control;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

@Singleton
public class S3Services {

    /** @return false if the environment already has its aws_s3 service (a redelivered command) */
    public boolean insert(Connection tx, S3ServiceRecord record) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("""
                INSERT INTO s3_services (environment_id, user_id, access_key_id, secret, region, status)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (environment_id) DO NOTHING""")) {
            insert.setString(1, record.environmentId());
            insert.setString(2, record.userId());
            insert.setString(3, record.accessKeyId());
            insert.setBytes(4, record.secret());
            insert.setString(5, record.region());
            insert.setString(6, record.status());
            return insert.executeUpdate() == 1;
        }
    }

    public Optional<S3ServiceRecord> byEnvironment(Connection connection, String environmentId) throws SQLException {
        return one(connection, "environment_id", environmentId);
    }

    public Optional<S3ServiceRecord> byAccessKey(Connection connection, String accessKeyId) throws SQLException {
        return one(connection, "access_key_id", accessKeyId);
    }

    /** @return whether a row moved from {@code from} to {@code to} */
    public boolean move(Connection tx, String environmentId, String from, String to) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement(
                "UPDATE s3_services SET status = ?, updated_at = now() WHERE environment_id = ? AND status = ?")) {
            update.setString(1, to);
            update.setString(2, environmentId);
            update.setString(3, from);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Destroyed: the key pair is wiped and every bucket (cascading to objects and uploads) deleted. The service row
     * first: its lock waits for a restore from a snapshot that holds it, and the delete then sees what it restored.
     */
    public void destroy(Connection tx, String environmentId) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("""
                UPDATE s3_services SET status = 'destroyed', secret = ''::bytea, updated_at = now()
                WHERE environment_id = ?""")) {
            update.setString(1, environmentId);
            update.executeUpdate();
        }
        try (PreparedStatement buckets = tx.prepareStatement("DELETE FROM buckets WHERE environment_id = ?")) {
            buckets.setString(1, environmentId);
            buckets.executeUpdate();
        }
    }

    private Optional<S3ServiceRecord> one(Connection connection, String column, String value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT environment_id, user_id, access_key_id, secret,"
                + " region, status FROM s3_services WHERE " + column + " = ?")) {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next()
                        ? Optional.of(new S3ServiceRecord(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getBytes(4), rows.getString(5), rows.getString(6)))
                        : Optional.empty();
            }
        }
    }
}
