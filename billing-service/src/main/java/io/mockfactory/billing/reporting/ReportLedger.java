package io.mockfactory.billing.reporting;

import io.mockfactory.kit.db.NamedStatement;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** What the hourly usage reports have said so far, and how far the publisher has got; all in the caller's transaction. */
final class ReportLedger {
    /** An hour, metric and service type (null for an environment as a whole). */
    record Key(Instant periodStart, String metric, String serviceType) {
    }

    record Reported(BigDecimal quantity, int revision) {
    }

    record Progress(Instant closedUntil, Instant seenUntil) {
    }

    private static final String NO_SERVICE = "";

    private ReportLedger() {
    }

    static boolean tryLock(Connection tx) throws SQLException {
        try (NamedStatement lock = NamedStatement.prepare(tx, "SELECT pg_try_advisory_xact_lock(hashtext('billing:usage-reports'))");
             ResultSet row = lock.statement().executeQuery()) {
            return row.next() && row.getBoolean(1);
        }
    }

    /** The database's clock: what received_at is stamped with. */
    static Instant databaseNow(Connection tx) throws SQLException {
        try (NamedStatement select = NamedStatement.prepare(tx, "SELECT now()");
             ResultSet row = select.statement().executeQuery()) {
            row.next();
            return instant(row, "now");
        }
    }

    static Progress progress(Connection tx) throws SQLException {
        try (NamedStatement select = NamedStatement.prepare(tx, "SELECT closed_until, seen_until FROM usage_publisher WHERE id = 1");
             ResultSet row = select.statement().executeQuery()) {
            return row.next() ? new Progress(instant(row, "closed_until"), instant(row, "seen_until")) : null;
        }
    }

    static void advance(Connection tx, Instant closedUntil, Instant seenUntil) throws SQLException {
        try (NamedStatement upsert = NamedStatement.prepare(tx, """
                INSERT INTO usage_publisher (id, closed_until, seen_until) VALUES (1, :closed, :seen)
                ON CONFLICT (id) DO UPDATE SET closed_until = GREATEST(usage_publisher.closed_until, EXCLUDED.closed_until),
                                               seen_until = EXCLUDED.seen_until""")) {
            upsert.setObject("closed", Timestamp.from(closedUntil)).setObject("seen", Timestamp.from(seenUntil));
            upsert.statement().executeUpdate();
        }
    }

    static Set<String> allOwners(Connection tx) throws SQLException {
        return owners(tx, "SELECT user_id FROM usage_transitions UNION SELECT user_id FROM storage_samples", null);
    }

    static Set<String> ownersReceivedSince(Connection tx, Instant since) throws SQLException {
        return owners(tx, """
                SELECT user_id FROM usage_transitions WHERE received_at > :since
                UNION SELECT user_id FROM storage_samples WHERE received_at > :since""", since);
    }

    private static Set<String> owners(Connection tx, String sql, Instant since) throws SQLException {
        Set<String> owners = new LinkedHashSet<>();
        try (NamedStatement select = NamedStatement.prepare(tx, sql)) {
            if (since != null) {
                select.setObject("since", Timestamp.from(since));
            }
            try (ResultSet rows = select.statement().executeQuery()) {
                while (rows.next()) {
                    owners.add(rows.getString(1));
                }
            }
        }
        return owners;
    }

    static Map<Key, Reported> reported(Connection tx, String owner, Instant from) throws SQLException {
        Map<Key, Reported> reported = new HashMap<>();
        try (NamedStatement select = NamedStatement.prepare(tx, """
                SELECT period_start, metric, service_type, quantity, revision FROM usage_reports
                WHERE user_id = :owner AND period_start >= :from""")) {
            select.setString("owner", owner).setObject("from", Timestamp.from(from));
            try (ResultSet rows = select.statement().executeQuery()) {
                while (rows.next()) {
                    String service = rows.getString("service_type");
                    reported.put(new Key(instant(rows, "period_start"), rows.getString("metric"),
                                    NO_SERVICE.equals(service) ? null : service),
                            new Reported(rows.getBigDecimal("quantity"), rows.getInt("revision")));
                }
            }
        }
        return reported;
    }

    static void record(Connection tx, String owner, Key key, BigDecimal quantity, int revision) throws SQLException {
        try (NamedStatement upsert = NamedStatement.prepare(tx, """
                INSERT INTO usage_reports (user_id, period_start, metric, service_type, quantity, revision)
                VALUES (:owner, :period, :metric, :service, :quantity, :revision)
                ON CONFLICT (user_id, period_start, metric, service_type)
                DO UPDATE SET quantity = EXCLUDED.quantity, revision = EXCLUDED.revision, reported_at = now()""")) {
            upsert.setString("owner", owner).setObject("period", Timestamp.from(key.periodStart()))
                    .setString("metric", key.metric()).setString("service", key.serviceType() == null ? NO_SERVICE : key.serviceType())
                    .setObject("quantity", quantity).setInt("revision", revision);
            upsert.statement().executeUpdate();
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
