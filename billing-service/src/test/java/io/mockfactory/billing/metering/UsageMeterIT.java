package io.mockfactory.billing.metering;

import io.mockfactory.events.EventIds;
import io.mockfactory.internal.billing.Granularity;
import io.mockfactory.internal.billing.UsageLine;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.mockfactory.billing.metering.MeteringHistory.DAY;
import static io.mockfactory.billing.metering.MeteringHistory.totals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A day of lifecycle events and storage reports, applied shuffled, duplicated and from several threads, gives
 * exactly the totals an independent computation of the same history gives, to the microsecond, by the hour and by
 * the day: service-seconds, environment-hours, idle-stopped hours, storage byte-hours and stopped storage.
 */
class UsageMeterIT extends OnBillingContext {
    @Test
    void shouldTotalAShuffledDuplicatedDayExactly() throws Exception {
        String owner = EventIds.newId("usr");
        MeteringHistory history = MeteringHistory.of(owner, new Random(42), 6);
        long started = System.nanoTime();
        long delivered = history.deliverShuffledAndDuplicated(context, new Random(7));
        long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        // A figure, not an assertion: what one billing-service applies, 4 writers, each event its own transaction
        System.out.println("measured: " + delivered + " metered events applied in " + millis + " ms ("
                + delivered * 1000L / millis + "/s)");
        assertTrue(history.transitions.size() > 100 && history.samples.size() > 20,
                "a day of real variety: " + history.transitions.size() + " transitions, " + history.samples.size() + " reports");
        // Someone else's usage in the same hours is never counted
        MeteringHistory.apply(context, MeteringHistory.of(EventIds.newId("usr"), new Random(43), 3).transitions);

        UsageQueries queries = context.getBean(UsageQueries.class);
        Instant end = DAY.plus(Duration.ofDays(1));
        Map<String, BigDecimal> byHour = history.expected(DAY, end, Duration.ofHours(1));
        assertTrue(byHour.keySet().stream().anyMatch(key -> key.endsWith(" stopped_storage:aws_s3")), "stopped storage is in the day");
        assertEquals(byHour, totals(queries.usage(owner, DAY, end, Granularity.HOUR)));
        assertEquals(history.expected(DAY, end, Duration.ofDays(1)), totals(queries.usage(owner, DAY, end, Granularity.DAY)));
        // A window that starts and ends inside hours is clipped at both ends
        Instant from = DAY.plus(Duration.ofMinutes(90)).plus(123_456, ChronoUnit.MICROS);
        Instant to = DAY.plus(Duration.ofHours(20)).plus(17, ChronoUnit.MICROS);
        assertEquals(history.expected(from, to, Duration.ofHours(1)), totals(queries.usage(owner, from, to, Granularity.HOUR)));
        assertTrue(queries.usage(EventIds.newId("usr"), DAY, end, Granularity.DAY).isEmpty());
    }

    @Test
    void shouldCountARunningServiceAndStoredBytesUntilNowAndNotBefore() throws Exception {
        String owner = EventIds.newId("usr");
        String environment = EventIds.newId("env");
        Instant started = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MICROS);
        MeteringHistory.apply(context, List.of(new Transition(EventIds.newEventId(), owner, environment, "redis", true, started),
                new StorageMeter.Sample(EventIds.newEventId(), owner, environment, "aws_s3", 3600, 1, started)));
        List<UsageLine> lines = context.getBean(UsageQueries.class)
                .usage(owner, started.minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)), Granularity.DAY);
        assertFalse(lines.isEmpty());
        for (String metric : List.of(UsageQueries.SERVICE_SECONDS, UsageQueries.STORAGE_BYTE_HOURS)) {
            // 600 s of redis; 3,600 bytes for 600 s = 600 byte-hours
            BigDecimal total = lines.stream().filter(line -> line.metric().equals(metric)).map(UsageLine::quantity)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertTrue(total.compareTo(BigDecimal.valueOf(600)) >= 0 && total.compareTo(BigDecimal.valueOf(660)) < 0, metric + " " + total);
        }
    }
}
