package io.mockfactory.environment.metrics;

import io.mockfactory.events.status.EnvironmentStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the read model says right now, in one pass over {@code environments}: how many are in each status (every
 * status, zeros included), how many were ever created and how many ever failed. Rows are never deleted (a destroyed
 * environment keeps its row, status destroyed), so the row count is every environment ever created. A row's
 * {@code last_error} is only ever set when it moves to failed and never cleared, so it marks one that ever failed,
 * whatever it became after (destroyed, usually).
 */
record EnvironmentCounts(Map<EnvironmentStatus, Long> byStatus, long created, long failed) {
    private static final String COUNT = """
            SELECT status, count(*), count(*) FILTER (WHERE last_error IS NOT NULL) FROM environments GROUP BY status""";

    static EnvironmentCounts read(Connection connection) throws SQLException {
        Map<EnvironmentStatus, Long> byStatus = new EnumMap<>(EnvironmentStatus.class);
        for (EnvironmentStatus status : EnvironmentStatus.values()) {
            byStatus.put(status, 0L);
        }
        long created = 0;
        long failed = 0;
        try (PreparedStatement count = connection.prepareStatement(COUNT); ResultSet rows = count.executeQuery()) {
            while (rows.next()) {
                long inStatus = rows.getLong(2);
                EnvironmentStatus.of(rows.getString(1)).ifPresent(status -> byStatus.put(status, inStatus));
                created += inStatus;
                failed += rows.getLong(3);
            }
        }
        return new EnvironmentCounts(Collections.unmodifiableMap(byStatus), created, failed);
    }

    long inStatus(EnvironmentStatus status) {
        return byStatus.get(status);
    }
}
