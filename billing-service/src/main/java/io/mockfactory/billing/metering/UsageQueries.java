package io.mockfactory.billing.metering;

import io.mockfactory.internal.billing.Granularity;
import io.mockfactory.internal.billing.UsageLine;
import io.mockfactory.kit.db.NamedStatement;
import io.mockfactory.kit.db.Transactions;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * An owner's usage per period and subject, from the transitions alone: each transition's state holds until the
 * next one of the same environment and subject (ordered by time, then event id), and a running state with nothing
 * after it holds until now. Totals therefore depend on the set of events, not on how or how often they arrived.
 */
@Singleton
public class UsageQueries {
    public static final String SERVICE_SECONDS = "service_seconds";
    /** The contract's name: environments as a whole, running, in hours (9 decimals: a few microseconds). */
    public static final String ENVIRONMENT_HOURS = "environment_hours";
    /** What idle auto-shutdown saved: hours environments spent stopped by it, until they ran again or were destroyed. */
    public static final String IDLE_STOPPED_HOURS = "idle_stopped_hours";
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    private static final String USAGE = """
            WITH ordered AS (
                SELECT subject, running, occurred_at,
                       LEAD(occurred_at) OVER (PARTITION BY environment_id, subject ORDER BY occurred_at, event_id) AS next_at
                FROM usage_transitions
                WHERE user_id = :owner AND occurred_at < CAST(:to AS timestamptz)
            ), intervals AS (
                SELECT subject, occurred_at AS started,
                       LEAST(COALESCE(next_at, CAST(:now AS timestamptz)), CAST(:to AS timestamptz)) AS ended
                FROM ordered
                WHERE running
            ), periods AS (
                SELECT period AT TIME ZONE 'UTC' AS period_start, (period + step) AT TIME ZONE 'UTC' AS period_end
                FROM (SELECT CAST('1 ' || CAST(:unit AS text) AS interval) AS step) AS s,
                     generate_series(date_trunc(CAST(:unit AS text), CAST(:from AS timestamptz) AT TIME ZONE 'UTC'),
                                     CAST(:to AS timestamptz) AT TIME ZONE 'UTC' - interval '1 microsecond', s.step) AS period
            )
            SELECT p.period_start, p.period_end, i.subject,
                   SUM(EXTRACT(EPOCH FROM LEAST(i.ended, p.period_end, CAST(:to AS timestamptz))
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
        return transactions.read(connection -> {
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
        });
    }

    private static UsageLine line(ResultSet row) throws java.sql.SQLException {
        String subject = row.getString("subject");
        BigDecimal seconds = row.getBigDecimal("seconds").stripTrailingZeros();
        String metric = switch (subject) {
            case Transition.ENVIRONMENT -> ENVIRONMENT_HOURS;
            case Transition.IDLE_STOPPED -> IDLE_STOPPED_HOURS;
            default -> SERVICE_SECONDS;
        };
        BigDecimal quantity = SERVICE_SECONDS.equals(metric) ? seconds : hours(seconds);
        return new UsageLine(row.getObject("period_start", OffsetDateTime.class).toInstant(),
                row.getObject("period_end", OffsetDateTime.class).toInstant(),
                SERVICE_SECONDS.equals(metric) ? subject : null, metric, quantity.scale() < 0 ? quantity.setScale(0) : quantity);
    }

    static BigDecimal hours(BigDecimal seconds) {
        return seconds.divide(SECONDS_PER_HOUR, 9, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
