package io.mockfactory.billing.reporting;

import io.mockfactory.billing.metering.MeteringHistory;
import io.mockfactory.billing.metering.OnBillingContext;
import io.mockfactory.billing.metering.Transition;
import io.mockfactory.billing.metering.UsageQueries;
import io.mockfactory.events.EnvelopeCodec;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.billing.UsageRecorded;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.outbox.OutboxWriter;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.mockfactory.billing.metering.MeteringHistory.DAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * UsageRecorded per user and closed hour, through the outbox: a shuffled, duplicated day gives one report per hour,
 * metric and service type whose quantities are the independently computed totals; a second pass reports nothing;
 * a late event re-reports exactly the hours it changed, with the next revision, and the latest revisions are again
 * the day's exact totals.
 */
class HourlyUsagePublisherIT extends OnBillingContext {
    @Test
    void shouldReportEachClosedHourOnceAndCorrectItAfterALateEvent() throws Exception {
        String owner = EventIds.newId("usr");
        MeteringHistory history = MeteringHistory.of(owner, new Random(11), 3);
        history.deliverShuffledAndDuplicated(context, new Random(5));
        MeteringHistory.apply(context, MeteringHistory.of(EventIds.newId("usr"), new Random(12), 1).transitions);
        // 00:30 on the next day, 5 minutes' grace: the day's 24 hours are closed and in the 24-hour correction window
        HourlyUsagePublisher publisher = publisher(DAY.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(30)));
        Instant end = DAY.plus(Duration.ofDays(1));

        assertTrue(publisher.publishDue() > 0);
        List<UsageRecorded> first = reports(owner);
        Map<String, BigDecimal> expected = history.expected(DAY, end, Duration.ofHours(1));
        assertEquals(expected, latest(first));
        assertTrue(first.stream().allMatch(report -> report.revision() == 1), "each hour reported once");
        assertEquals(0, publisher.publishDue(), "nothing changed, nothing reported");

        // A Redis of a new environment, 03:10 to 03:40, learnt late; its stop arrives first
        String environment = EventIds.newId("env");
        Transition stop = new Transition(EventIds.newEventId(), owner, environment, "redis", false, DAY.plus(Duration.ofMinutes(220)));
        Transition ready = new Transition(EventIds.newEventId(), owner, environment, "redis", true, DAY.plus(Duration.ofMinutes(190)));
        MeteringHistory.apply(context, List.of(stop));
        MeteringHistory.apply(context, List.of(ready));
        history.transitions.add(stop);
        history.transitions.add(ready);
        Map<String, BigDecimal> corrected = history.expected(DAY, end, Duration.ofHours(1));
        long changed = corrected.entrySet().stream().filter(entry -> !entry.getValue().equals(expected.get(entry.getKey()))).count();

        assertEquals(1, changed, "only 03:00's redis seconds change");
        assertEquals(1, publisher.publishDue());
        List<UsageRecorded> all = reports(owner);
        UsageRecorded correction = all.get(all.size() - 1);
        assertEquals(DAY.plus(Duration.ofHours(3)), correction.periodStart());
        assertEquals("redis", correction.serviceType());
        assertEquals(expected.containsKey(DAY.plus(Duration.ofHours(3)) + " redis") ? 2 : 1, correction.revision());
        assertEquals(corrected, latest(all));
    }

    private static HourlyUsagePublisher publisher(Instant now) {
        return new HourlyUsagePublisher(context.getBean(Transactions.class), context.getBean(UsageQueries.class),
                context.getBean(OutboxWriter.class), Duration.ofMinutes(5), Duration.ofHours(24), Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The owner's UsageRecorded in the outbox, in the order written. */
    private static List<UsageRecorded> reports(String owner) throws Exception {
        EnvelopeCodec codec = new EnvelopeCodec();
        return context.getBean(Transactions.class).read(connection -> {
            List<UsageRecorded> reports = new ArrayList<>();
            try (ResultSet rows = connection.createStatement().executeQuery(
                    "SELECT envelope FROM outbox WHERE type = 'UsageRecorded' ORDER BY id")) {
                while (rows.next()) {
                    EventEnvelope envelope = codec.decode(rows.getString(1));
                    if (owner.equals(envelope.userId())) {
                        reports.add((UsageRecorded) envelope.payload());
                    }
                }
            }
            return reports;
        });
    }

    /** The highest revision of each hour, metric and service type, keyed as MeteringHistory keys totals; zeros left out. */
    private static Map<String, BigDecimal> latest(List<UsageRecorded> reports) {
        Map<String, UsageRecorded> latest = new TreeMap<>();
        for (UsageRecorded report : reports) {
            String key = report.periodStart() + " " + MeteringHistory.subject(report.metric(), report.serviceType());
            assertEquals(report.periodStart().plus(Duration.ofHours(1)), report.periodEnd());
            assertEquals(UsageQueries.unitOf(report.metric()), report.unit());
            latest.merge(key, report, (a, b) -> a.revision() > b.revision() ? a : b);
        }
        Map<String, BigDecimal> quantities = new TreeMap<>();
        latest.forEach((key, report) -> {
            if (report.quantity().signum() != 0) {
                quantities.put(key, report.quantity().stripTrailingZeros());
            }
        });
        return quantities;
    }
}
