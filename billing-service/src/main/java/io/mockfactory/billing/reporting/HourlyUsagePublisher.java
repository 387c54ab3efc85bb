package io.mockfactory.billing.reporting;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.mockfactory.billing.metering.UsageQueries;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.billing.UsageRecorded;
import io.mockfactory.internal.billing.Granularity;
import io.mockfactory.internal.billing.UsageLine;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.outbox.OutboxWriter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Publishes {@code UsageRecorded} per user, closed hour, metric and service type, through the outbox.
 * <p>An hour is reported once it has been over for the grace period, so events still in flight are in it. An event
 * that arrives later, about an hour of the correction window, makes that hour's total be reported again with the
 * next revision; an unchanged total is never reported twice. Events about hours before the correction window still
 * count in the usage API, but are not reported again. One billing-service instance reports at a time (an advisory
 * lock), and the reports and the record of them commit together.
 */
@Singleton
public class HourlyUsagePublisher {
    private static final Logger LOG = LoggerFactory.getLogger(HourlyUsagePublisher.class);
    /** How far back a pass after a long outage reports hours it never reported (bounds one transaction's work). */
    private static final Duration MAX_CATCH_UP = Duration.ofDays(31);

    private final Transactions transactions;
    private final UsageQueries usage;
    private final OutboxWriter outbox;
    private final Duration grace;
    private final Duration correctionWindow;
    private final Clock clock;

    @Inject
    public HourlyUsagePublisher(Transactions transactions, UsageQueries usage, OutboxWriter outbox,
                                @Value("${mockfactory.billing.usage-reports.grace:5m}") Duration grace,
                                @Value("${mockfactory.billing.usage-reports.correction-window:24h}") Duration correctionWindow) {
        this(transactions, usage, outbox, grace, correctionWindow, Clock.systemUTC());
    }

    HourlyUsagePublisher(Transactions transactions, UsageQueries usage, OutboxWriter outbox, Duration grace,
                         Duration correctionWindow, Clock clock) {
        this.transactions = transactions;
        this.usage = usage;
        this.outbox = outbox;
        this.grace = grace;
        this.correctionWindow = correctionWindow;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${mockfactory.billing.usage-reports.interval:1m}",
            initialDelay = "${mockfactory.billing.usage-reports.initial-delay:30s}")
    public void scheduled() {
        try {
            int published = publishDue();
            if (published > 0) {
                LOG.info("Published {} hourly usage reports", published);
            }
        } catch (Exception e) {
            LOG.warn("Hourly usage reporting failed; will retry: {}", e.toString());
        }
    }

    /** @return how many UsageRecorded were published (0 when another instance holds the lock) */
    public int publishDue() throws Exception {
        return transactions.inTransaction(tx -> {
            if (!ReportLedger.tryLock(tx)) {
                return 0;
            }
            Instant now = clock.instant();
            Instant closedUntil = now.minus(grace).truncatedTo(ChronoUnit.HOURS);
            ReportLedger.Progress progress = ReportLedger.progress(tx);
            // Hours closed while no pass ran (billing down for longer than the window) are reported too, up to a
            // bound, so an outage loses no hour
            Instant windowStart = closedUntil.minus(correctionWindow);
            if (progress != null && progress.closedUntil().isBefore(windowStart)) {
                windowStart = max(progress.closedUntil(), closedUntil.minus(MAX_CATCH_UP));
            }
            // A newly closed hour concerns everyone who has metered anything (a service can run for days without an
            // event); otherwise only the owners of events that arrived since the last pass (a grace's worth of
            // overlap, for transactions that committed after it looked)
            Instant passStartedAt = ReportLedger.databaseNow(tx);
            Set<String> owners = progress == null || closedUntil.isAfter(progress.closedUntil())
                    ? ReportLedger.allOwners(tx)
                    : ReportLedger.ownersReceivedSince(tx, progress.seenUntil().minus(grace));
            int published = 0;
            for (String owner : owners) {
                published += report(tx, owner, windowStart, closedUntil);
            }
            // Arrival times are the database's (received_at DEFAULT now()), so the next pass compares with its clock
            ReportLedger.advance(tx, closedUntil, passStartedAt);
            return published;
        });
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private int report(Connection tx, String owner, Instant from, Instant to) throws Exception {
        if (!from.isBefore(to)) {
            return 0;
        }
        Map<ReportLedger.Key, ReportLedger.Reported> reported = ReportLedger.reported(tx, owner, from);
        Map<ReportLedger.Key, BigDecimal> totals = new HashMap<>();
        for (UsageLine line : usage.usage(tx, owner, from, to, Granularity.HOUR)) {
            totals.put(new ReportLedger.Key(line.periodStart(), line.metric(), line.serviceType()), line.quantity());
        }
        // An hour reported before that a late event emptied is reported again as zero
        reported.forEach((key, last) -> {
            if (last.quantity().signum() != 0) {
                totals.putIfAbsent(key, BigDecimal.ZERO);
            }
        });
        int published = 0;
        for (Map.Entry<ReportLedger.Key, BigDecimal> total : totals.entrySet()) {
            ReportLedger.Reported last = reported.get(total.getKey());
            if (last != null && last.quantity().compareTo(total.getValue()) == 0) {
                continue;
            }
            int revision = last == null ? 1 : last.revision() + 1;
            ReportLedger.record(tx, owner, total.getKey(), total.getValue(), revision);
            ReportLedger.Key key = total.getKey();
            outbox.append(tx, EventEnvelope.of(new UsageRecorded(key.metric(), total.getValue(), UsageQueries.unitOf(key.metric()),
                    key.periodStart(), key.periodStart().plus(Duration.ofHours(1)), key.serviceType(), revision)).withUserId(owner));
            published++;
        }
        return published;
    }
}
