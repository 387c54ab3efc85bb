package io.mockfactory.billing.metering;

import io.micronaut.context.ApplicationContext;
import io.mockfactory.events.EventIds;
import io.mockfactory.internal.billing.Granularity;
import io.mockfactory.internal.billing.UsageLine;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.localstack.SharedInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A day of lifecycle events, applied shuffled, duplicated and from several threads, gives exactly the totals an
 * independent computation of the same history gives, to the microsecond, by the hour and by the day.
 */
class UsageMeterIT {
    private static final Instant DAY = Instant.parse("2026-11-30T00:00:00Z");
    private static final List<String> SUBJECTS = List.of("redis", "postgresql", "aws_s3", Transition.ENVIRONMENT,
            Transition.IDLE_STOPPED);
    private static ApplicationContext context;

    @BeforeAll
    static void start() {
        String schema = "bill_" + EventIds.newId("t").substring(2, 10).toLowerCase().replaceAll("[^a-z0-9]", "x");
        context = ApplicationContext.builder().properties(SharedInfrastructure.get().serviceProperties(schema)).start();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void shouldTotalAShuffledDuplicatedDayExactly() throws Exception {
        String owner = EventIds.newId("usr");
        List<Transition> history = history(owner, new Random(42), 6);
        List<Transition> delivered = new ArrayList<>(history);
        delivered.addAll(history.subList(0, history.size() / 3));
        delivered.addAll(history.subList(history.size() / 2, history.size()));
        Collections.shuffle(delivered, new Random(7));
        long started = System.nanoTime();
        apply(delivered);
        long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        // A figure, not an assertion: what one billing-service applies, 4 writers, each event its own transaction
        System.out.println("measured: " + delivered.size() + " transitions applied in " + millis + " ms ("
                + delivered.size() * 1000L / millis + "/s)");
        assertTrue(history.size() > 100, "a day of real variety: " + history.size() + " transitions");
        // Someone else's usage in the same hours is never counted
        apply(history(EventIds.newId("usr"), new Random(43), 3));

        UsageQueries queries = context.getBean(UsageQueries.class);
        Instant end = DAY.plus(Duration.ofDays(1));
        assertEquals(expected(history, DAY, end, Duration.ofHours(1)), totals(queries.usage(owner, DAY, end, Granularity.HOUR)));
        assertEquals(expected(history, DAY, end, Duration.ofDays(1)), totals(queries.usage(owner, DAY, end, Granularity.DAY)));
        // A window that starts and ends inside hours is clipped at both ends
        Instant from = DAY.plus(Duration.ofMinutes(90)).plus(123_456, ChronoUnit.MICROS);
        Instant to = DAY.plus(Duration.ofHours(20)).plus(17, ChronoUnit.MICROS);
        assertEquals(expected(history, from, to, Duration.ofHours(1)), totals(queries.usage(owner, from, to, Granularity.HOUR)));
        assertTrue(queries.usage(EventIds.newId("usr"), DAY, end, Granularity.DAY).isEmpty());
    }

    @Test
    void shouldCountARunningServiceUntilNowAndNotBeforeItStarted() throws Exception {
        String owner = EventIds.newId("usr");
        String environment = EventIds.newId("env");
        Instant started = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MICROS);
        apply(List.of(new Transition(EventIds.newEventId(), owner, environment, "redis", true, started)));
        List<UsageLine> lines = context.getBean(UsageQueries.class)
                .usage(owner, started.minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)), Granularity.DAY);
        BigDecimal seconds = lines.stream().map(UsageLine::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertFalse(lines.isEmpty());
        assertTrue(seconds.compareTo(BigDecimal.valueOf(600)) >= 0 && seconds.compareTo(BigDecimal.valueOf(660)) < 0, seconds.toString());
    }

    /** Environments whose services and the environment itself start and stop at random microseconds of the day. */
    private static List<Transition> history(String owner, Random random, int environments) {
        List<Transition> events = new ArrayList<>();
        for (int e = 0; e < environments; e++) {
            String environment = EventIds.newId("env");
            for (String subject : SUBJECTS) {
                Instant at = DAY.minus(Duration.ofHours(2)).plus(random.nextInt(3_600_000), ChronoUnit.MILLIS);
                boolean running = false;
                while (at.isBefore(DAY.plus(Duration.ofHours(26)))) {
                    // Now and then a repeated state (ServiceReady then ServiceStarted), which must not double count
                    running = random.nextInt(5) == 0 ? running : !running;
                    events.add(new Transition(EventIds.newEventId(), owner, environment, subject, running, at));
                    at = at.plus(random.nextInt(200_000) * 17L + 1, ChronoUnit.MICROS)
                            .plus(random.nextInt(180), ChronoUnit.MINUTES);
                }
            }
        }
        return events;
    }

    private static void apply(List<Transition> events) throws Exception {
        Transactions transactions = context.getBean(Transactions.class);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Transition event : events) {
                done.add(pool.submit(() -> transactions.inTransaction(tx -> {
                    UsageMeter.record(tx, event);
                    return null;
                })));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The same history computed independently: each state holds until the next transition, in microseconds. */
    private static Map<String, BigDecimal> expected(List<Transition> history, Instant from, Instant to, Duration period) {
        Map<String, Long> micros = new TreeMap<>();
        Map<String, List<Transition>> bySeries = new TreeMap<>();
        for (Transition event : history) {
            bySeries.computeIfAbsent(event.environmentId() + "/" + event.subject(), k -> new ArrayList<>()).add(event);
        }
        for (List<Transition> series : bySeries.values()) {
            series.sort((a, b) -> a.occurredAt().equals(b.occurredAt()) ? a.eventId().compareTo(b.eventId()) : a.occurredAt().compareTo(b.occurredAt()));
            for (int i = 0; i < series.size(); i++) {
                if (!series.get(i).running()) {
                    continue;
                }
                Instant start = max(series.get(i).occurredAt(), from);
                Instant end = i + 1 < series.size() ? min(series.get(i + 1).occurredAt(), to) : to;
                for (Instant bucket = truncate(start, period); bucket.isBefore(end); bucket = bucket.plus(period)) {
                    long overlap = ChronoUnit.MICROS.between(max(start, bucket), min(end, bucket.plus(period)));
                    if (overlap > 0) {
                        micros.merge(bucket + " " + series.get(i).subject(), overlap, Long::sum);
                    }
                }
            }
        }
        Map<String, BigDecimal> seconds = new TreeMap<>();
        // Services in seconds; the environment-level metrics in hours, to 9 decimals, as the contract names them
        micros.forEach((key, value) -> {
            BigDecimal exact = BigDecimal.valueOf(value, 6);
            boolean inHours = key.endsWith(" " + Transition.ENVIRONMENT) || key.endsWith(" " + Transition.IDLE_STOPPED);
            seconds.put(key, (inHours ? UsageQueries.hours(exact) : exact).stripTrailingZeros());
        });
        return seconds;
    }

    private static Map<String, BigDecimal> totals(List<UsageLine> lines) {
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (UsageLine line : lines) {
            String subject = line.serviceType() != null ? line.serviceType()
                    : UsageQueries.IDLE_STOPPED_HOURS.equals(line.metric()) ? Transition.IDLE_STOPPED : Transition.ENVIRONMENT;
            totals.put(line.periodStart() + " " + subject, line.quantity().stripTrailingZeros());
        }
        return totals;
    }

    private static Instant truncate(Instant instant, Duration period) {
        return period.equals(Duration.ofDays(1)) ? instant.truncatedTo(ChronoUnit.DAYS) : instant.truncatedTo(ChronoUnit.HOURS);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
