package io.mockfactory.billing.metering;

import io.mockfactory.internal.billing.Granularity;
import io.mockfactory.internal.billing.UsageLine;
import io.mockfactory.kit.db.NamedStatement;
import io.mockfactory.kit.db.Transactions;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * An owner's usage per period and subject, from the kept events alone:
 * <ul>
 *   <li>each transition's state holds until the next one of the same environment and subject (ordered by time,
 *   then event id), and a running state with nothing after it holds until now;</li>
 *   <li>each storage report's bytes hold until the next report of the same environment, or until now;</li>
 *   <li>stopped storage is the part of that which falls while the environment is not running (stopped, failed).</li>
 * </ul>
 * Totals therefore depend on the set of events, not on how or how often they arrived.
 */
@Singleton
public class UsageQueries {
    public static final String SERVICE_SECONDS = "service_seconds";
    /** The contract's name: environments as a whole, running, in hours (9 decimals: a few microseconds). */
    public static final String ENVIRONMENT_HOURS = "environment_hours";
    /** What idle auto-shutdown saved: hours environments spent stopped by it, until they ran again or were destroyed. */
    public static final String IDLE_STOPPED_HOURS = "idle_stopped_hours";
    /** Bytes stored × hours they were stored, per storage type, whether the environment ran or not. */
    public static final String STORAGE_BYTE_HOURS = "storage_byte_hours";
    /** The part of storage_byte_hours accrued while the environment was stopped: what a stopped environment costs. */
    public static final String STOPPED_STORAGE_BYTE_HOURS = "stopped_storage_byte_hours";
    private static final String STORAGE = "storage:";
    private static final String STOPPED_STORAGE = "stopped_storage:";
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    private static final String USAGE = """
            WITH ordered AS (
                SELECT environment_id, subject, running, occurred_at,
                       LEAD(occurred_at) OVER (PARTITION BY environment_id, subject ORDER BY occurred_at, event_id) AS next_at
                FROM usage_transitions
                WHERE user_id = :owner AND occurred_at < CAST(:to AS timestamptz)
            ), states AS (
                SELECT environment_id, subject, running, occurred_at AS started,
                       LEAST(COALESCE(next_at, CAST(:now AS timestamptz)), CAST(:to AS timestamptz)) AS ended
                FROM ordered
            ), stored AS (
                SELECT environment_id, service, bytes, measured_at AS started,
                       LEAST(COALESCE(LEAD(measured_at) OVER (PARTITION BY environment_id, service ORDER BY measured_at, event_id),
                                      CAST(:now AS timestamptz)), CAST(:to AS timestamptz)) AS ended
                FROM storage_samples
                WHERE user_id = :owner AND measured_at < CAST(:to AS timestamptz)
            ), intervals AS (
                SELECT subject, started, ended, CAST(1 AS numeric) AS weight FROM states WHERE running
                UNION ALL
                SELECT 'storage:' || service, started, ended, bytes FROM stored WHERE bytes > 0
                UNION ALL
                SELECT 'stopped_storage:' || s.service, GREATEST(s.started, e.started), LEAST(s.ended, e.ended), s.bytes
                FROM stored s
                JOIN states e ON e.environment_id = s.environment_id AND e.subject = 'environment' AND NOT e.running
                             AND e.started < s.ended AND e.ended > s.started
                WHERE s.bytes > 0
            ), periods AS (
                SELECT period AT TIME ZONE 'UTC' AS period_start, (period + step) AT TIME ZONE 'UTC' AS period_end
                FROM (SELECT CAST('1 ' || CAST(:unit AS text) AS interval) AS step) AS s,
                     generate_series(date_trunc(CAST(:unit AS text), CAST(:from AS timestamptz) AT TIME ZONE 'UTC'),
                                     CAST(:to AS timestamptz) AT TIME ZONE 'UTC' - interval '1 microsecond', s.step) AS period
            )
            SELECT p.period_start, p.period_end, i.subject,
                   SUM(i.weight * EXTRACT(EPOCH FROM LEAST(i.ended, p.period_end, CAST(:to AS timestamptz))
                                                   - GREATEST(i.started, p.period_start, CAST(:from AS timestamptz)))) AS seconds
            FROM periods p
            JOIN intervals i ON i.started < LEAST(p.period_end, CAST(:to AS timestamptz))
                            AND i.ended > GREATEST(p.period_start, CAST(:from AS timestamptz))
            GROUP BY p.period_start, p.period_end, i.subject
            ORDER BY p.period_start, i.subject""";

    private final Transactions transactions;
    private final Clock clock;

    public UsageQueries(Transactions transactions) {
        this(transactions, Clock.systemUTC());
    }

    UsageQueries(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Usage in [from, to), per period of {@code granularity} that overlaps it and per subject; empty periods are left out. */
    public List<UsageLine> usage(String owner, Instant from, Instant to, Granularity granularity) throws Exception {
        return transactions.read(connection -> usage(connection, owner, from, to, granularity));
    }

    /** The same, in the caller's transaction. */
    public List<UsageLine> usage(Connection connection, String owner, Instant from, Instant to, Granularity granularity)
            throws SQLException {
        List<UsageLine> lines = new ArrayList<>();
        try (NamedStatement query = NamedStatement.prepare(connection, USAGE)) {
            query.setString("owner", owner).setString("unit", granularity.unit())
                    .setObject("from", utc(from)).setObject("to", utc(to)).setObject("now", utc(clock.instant()));
            try (ResultSet rows = query.statement().executeQuery()) {
                while (rows.next()) {
                    lines.add(line(rows));
                }
            }
        }
        return lines;
    }

    private static UsageLine line(ResultSet row) throws SQLException {
        String subject = row.getString("subject");
        BigDecimal seconds = row.getBigDecimal("seconds").stripTrailingZeros();
        String serviceType = subject;
        String metric;
        if (subject.startsWith(STORAGE)) {
            metric = STORAGE_BYTE_HOURS;
            serviceType = subject.substring(STORAGE.length());
        } else if (subject.startsWith(STOPPED_STORAGE)) {
            metric = STOPPED_STORAGE_BYTE_HOURS;
            serviceType = subject.substring(STOPPED_STORAGE.length());
        } else if (Transition.ENVIRONMENT.equals(subject)) {
            metric = ENVIRONMENT_HOURS;
            serviceType = null;
        } else if (Transition.IDLE_STOPPED.equals(subject)) {
            metric = IDLE_STOPPED_HOURS;
            serviceType = null;
        } else {
            metric = SERVICE_SECONDS;
        }
        BigDecimal quantity = SERVICE_SECONDS.equals(metric) ? seconds : hours(seconds);
        return new UsageLine(row.getObject("period_start", OffsetDateTime.class).toInstant(),
                row.getObject("period_end", OffsetDateTime.class).toInstant(),
                serviceType, metric, quantity.scale() < 0 ? quantity.setScale(0) : quantity);
    }

    /** The unit each metric's quantity is in. */
    public static String unitOf(String metric) {
        return switch (metric) {
            case SERVICE_SECONDS -> "second";
            case STORAGE_BYTE_HOURS, STOPPED_STORAGE_BYTE_HOURS -> "byte-hour";
            default -> "hour";
        };
    }

    static BigDecimal hours(BigDecimal seconds) {
        return seconds.divide(SECONDS_PER_HOUR, 9, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
