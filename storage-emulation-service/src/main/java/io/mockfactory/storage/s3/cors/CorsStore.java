package io.mockfactory.storage.s3.cors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code bucket_cors} table: a bucket's rules as jsonb, one row per bucket that has a CORS configuration. The row
 * goes with its bucket (ON DELETE CASCADE), so a deleted bucket, or a destroyed environment, leaves none behind.
 */
@Singleton
public class CorsStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<CorsRule>> RULES = new TypeReference<>() {
    };

    /** The configuration of one bucket, with whose bucket it is (the same name may be a bucket of many environments). */
    public record BucketRules(long bucketId, String environmentId, List<CorsRule> rules) {
    }

    /** Replaces the bucket's configuration, as PutBucketCors does. */
    public void put(Connection tx, long bucketId, List<CorsRule> rules) throws SQLException {
        try (PreparedStatement upsert = tx.prepareStatement("""
                INSERT INTO bucket_cors (bucket_id, rules, updated_at) VALUES (?, ?::jsonb, now())
                ON CONFLICT (bucket_id) DO UPDATE SET rules = EXCLUDED.rules, updated_at = EXCLUDED.updated_at""")) {
            upsert.setLong(1, bucketId);
            upsert.setString(2, write(rules));
            upsert.executeUpdate();
        }
    }

    public Optional<List<CorsRule>> find(Connection connection, long bucketId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT rules FROM bucket_cors WHERE bucket_id = ?")) {
            select.setLong(1, bucketId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows.getString(1))) : Optional.empty();
            }
        }
    }

    public void delete(Connection connection, long bucketId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM bucket_cors WHERE bucket_id = ?")) {
            delete.setLong(1, bucketId);
            delete.executeUpdate();
        }
    }

    /**
     * Every bucket named {@code name} that has a CORS configuration, in any environment, oldest bucket first. The
     * table holds only buckets with a configuration, so the plan starts from it and joins each row's bucket by key.
     */
    public List<BucketRules> byBucketName(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT b.id, b.environment_id, c.rules FROM bucket_cors c JOIN buckets b ON b.id = c.bucket_id
                WHERE b.name = ? ORDER BY b.created_at, b.id""")) {
            select.setString(1, name);
            List<BucketRules> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new BucketRules(rows.getLong(1), rows.getString(2), read(rows.getString(3))));
                }
            }
            return List.copyOf(found);
        }
    }

    static String write(List<CorsRule> rules) {
        try {
            return JSON.writeValueAsString(rules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<CorsRule> read(String json) {
        try {
            return List.copyOf(JSON.readValue(json, RULES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A bucket_cors row is not a list of rules", e);
        }
    }
}
