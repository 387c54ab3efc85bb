package io.mockfactory.storage.meta;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** A bucket's sub-resource documents (tags, ACL, policy, public access block, ownership), each a column of buckets. */
@Singleton
public class BucketSettings {

    public enum Setting {
        TAGS("tags", "jsonb"), ACL("acl", "jsonb"), POLICY("policy", "text"),
        PUBLIC_ACCESS_BLOCK("public_access_block", "jsonb"), OWNERSHIP("ownership", "text");

        private final String column;
        private final String type;

        Setting(String column, String type) {
            this.column = column;
            this.type = type;
        }
    }

    /** @return empty if the setting was never set (or deleted) */
    public Optional<String> get(Connection connection, long bucketId, Setting setting) throws SQLException {
        return Optional.ofNullable(all(connection, bucketId).get(setting));
    }

    /** Every setting of the bucket in one round trip, as the access checks need them together; unset ones absent. */
    public Map<Setting, String> all(Connection connection, long bucketId) throws SQLException {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT tags, acl, policy, public_access_block, ownership FROM buckets WHERE id = ?")) {
            select.setLong(1, bucketId);
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    Setting[] settings = Setting.values();
                    for (int i = 0; i < settings.length; i++) {
                        String value = rows.getString(i + 1);
                        if (value != null) {
                            values.put(settings[i], value);
                        }
                    }
                }
            }
        }
        return values;
    }

    /** @param value null removes the setting */
    public void set(Connection tx, long bucketId, Setting setting, String value) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement(
                "UPDATE buckets SET " + setting.column + " = ?::" + setting.type + " WHERE id = ?")) {
            update.setString(1, value);
            update.setLong(2, bucketId);
            update.executeUpdate();
        }
    }
}
