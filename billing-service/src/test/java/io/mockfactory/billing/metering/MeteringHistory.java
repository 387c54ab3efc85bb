package io.mockfactory.billing.metering;

import io.micronaut.context.ApplicationContext;
import io.mockfactory.events.EventIds;
import io.mockfactory.internal.billing.UsageLine;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.localstack.SharedInfrastructure;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A day of metered events for the metering tests, applied as billing-service applies them, and the totals the same
 * history gives when computed independently here (in microseconds, without SQL): each transition's state holds until
 * the next of its environment and subject, each storage report until the next of its environment, and stopped
 * storage is the overlap of storage with the environment's not-running states.
 */
public final class MeteringHistory {
    public static final Instant DAY = Instant.parse("2026-11-30T00:00:00Z");
    private static final List<String> SUBJECTS = List.of("redis", "postgresql", "aws_s3", Transition.ENVIRONMENT,
            Transition.IDLE_STOPPED);
    private static final Comparator<Object[]> BY_TIME_THEN_ID = Comparator.<Object[], Instant>comparing(row -> (Instant) row[1])
            .thenComparing(row -> (String) row[0]);

    public final List<Transition> transitions = new ArrayList<>();
    public final List<StorageMeter.Sample> samples = new ArrayList<>();

    /** A test context of billing-service with its own schema, its scheduled reporting kept out of the way. */
    public static ApplicationContext context() {
        String schema = "bill_" + EventIds.newId("t").substring(2, 10).toLowerCase().replaceAll("[^a-z0-9]", "x");
        Map<String, Object> properties = new TreeMap<>(SharedInfrastructure.get().serviceProperties(schema));
        properties.put("mockfactory.billing.usage-reports.initial-delay", "1h");
        return ApplicationContext.builder().properties(properties).start();
    }

    /** Environments whose services, the environment itself and its storage change at random microseconds of the day. */
    public static MeteringHistory of(String owner, Random random, int environments) {
        MeteringHistory history = new MeteringHistory();
        for (int e = 0; e < environments; e++) {
            String environment = EventIds.newId("env");
            for (String subject : SUBJECTS) {
                boolean[] running = {false};
                steps(random, at -> {
                    // Now and then a repeated state (ServiceReady then ServiceStarted), which must not double count
                    running[0] = random.nextInt(5) == 0 ? running[0] : !running[0];
                    history.transitions.add(new Transition(EventIds.newEventId(), owner, environment, subject, running[0], at));
                });
            }
            steps(random, at -> history.samples.add(new StorageMeter.Sample(EventIds.newEventId(), owner, environment,
                    "aws_s3", random.nextInt(4) == 0 ? 0 : random.nextInt(1 << 26), random.nextInt(100), at)));
        }
        return history;
    }

    private static void steps(Random random, java.util.function.Consumer<Instant> step) {
        Instant at = DAY.minus(Duration.ofHours(2)).plus(random.nextInt(3_600_000), ChronoUnit.MILLIS);
        while (at.isBefore(DAY.plus(Duration.ofHours(26)))) {
            step.accept(at);
            at = at.plus(random.nextInt(200_000) * 17L + 1, ChronoUnit.MICROS).plus(random.nextInt(180), ChronoUnit.MINUTES);
        }
    }

    /** The events as delivered: a third and a half of them twice, shuffled, applied by 4 writers. */
    public long deliverShuffledAndDuplicated(ApplicationContext context, Random random) throws Exception {
        List<Object> delivered = new ArrayList<>(transitions);
        delivered.addAll(samples);
        int all = delivered.size();
        delivered.addAll(new ArrayList<>(delivered.subList(0, all / 3)));
        delivered.addAll(new ArrayList<>(delivered.subList(all / 2, all)));
        java.util.Collections.shuffle(delivered, random);
        apply(context, delivered);
        return delivered.size();
    }

    public static void apply(ApplicationContext context, List<?> events) throws Exception {
        Transactions transactions = context.getBean(Transactions.class);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Object event : events) {
                done.add(pool.submit(() -> transactions.inTransaction(tx -> {
                    if (event instanceof Transition transition) {
                        UsageMeter.record(tx, transition);
                    } else {
                        StorageMeter.record(tx, (StorageMeter.Sample) event);
                    }
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

    /** Totals in [from, to) by period, keyed "period-start subject" as {@link #totals} keys the service's answer. */
    public Map<String, BigDecimal> expected(Instant from, Instant to, Duration period) {
        Map<String, BigDecimal> weighted = new TreeMap<>();
        Map<String, List<Object[]>> series = new TreeMap<>();
        for (Transition t : transitions) {
            series.computeIfAbsent(t.environmentId() + "/" + t.subject(), k -> new ArrayList<>())
                    .add(new Object[]{t.eventId(), t.occurredAt(), t.running() ? 1L : 0L});
        }
        for (StorageMeter.Sample s : samples) {
            series.computeIfAbsent(s.environmentId() + "/storage", k -> new ArrayList<>())
                    .add(new Object[]{s.eventId(), s.measuredAt(), s.bytes()});
        }
        Map<String, List<Instant[]>> stopped = new TreeMap<>();
        series.forEach((name, rows) -> {
            rows.sort(BY_TIME_THEN_ID);
            String environment = name.substring(0, name.indexOf('/'));
            String subject = name.substring(name.indexOf('/') + 1);
            for (int i = 0; i < rows.size(); i++) {
                Instant start = (Instant) rows.get(i)[1];
                Instant end = i + 1 < rows.size() ? min((Instant) rows.get(i + 1)[1], to) : to;
                long weight = (Long) rows.get(i)[2];
                if (subject.equals(Transition.ENVIRONMENT) && weight == 0) {
                    stopped.computeIfAbsent(environment, k -> new ArrayList<>()).add(new Instant[]{start, end});
                }
                if (weight > 0) {
                    add(weighted, subject.equals("storage") ? "storage:aws_s3" : subject, start, end, weight, from, to, period);
                }
            }
        });
        series.forEach((name, rows) -> {
            if (!name.endsWith("/storage")) {
                return;
            }
            for (int i = 0; i < rows.size(); i++) {
                Instant start = (Instant) rows.get(i)[1];
                Instant end = i + 1 < rows.size() ? min((Instant) rows.get(i + 1)[1], to) : to;
                if ((Long) rows.get(i)[2] == 0) {
                    continue;
                }
                for (Instant[] off : stopped.getOrDefault(name.substring(0, name.indexOf('/')), List.of())) {
                    add(weighted, "stopped_storage:aws_s3", max(start, off[0]), min(end, off[1]), (Long) rows.get(i)[2], from, to, period);
                }
            }
        });
        Map<String, BigDecimal> totals = new TreeMap<>();
        weighted.forEach((key, microsTimesWeight) -> {
            BigDecimal seconds = microsTimesWeight.movePointLeft(6);
            boolean inSeconds = SUBJECTS.contains(key.substring(key.indexOf(' ') + 1))
                    && !key.endsWith(" " + Transition.ENVIRONMENT) && !key.endsWith(" " + Transition.IDLE_STOPPED);
            totals.put(key, (inSeconds ? seconds : UsageQueries.hours(seconds)).stripTrailingZeros());
        });
        return totals;
    }

    private static void add(Map<String, BigDecimal> weighted, String subject, Instant start, Instant end, long weight,
                            Instant from, Instant to, Duration period) {
        Instant clippedStart = max(start, from);
        Instant clippedEnd = min(end, to);
        for (Instant bucket = truncate(clippedStart, period); bucket.isBefore(clippedEnd); bucket = bucket.plus(period)) {
            long overlap = ChronoUnit.MICROS.between(max(clippedStart, bucket), min(clippedEnd, bucket.plus(period)));
            if (overlap > 0) {
                weighted.merge(bucket + " " + subject, BigDecimal.valueOf(overlap).multiply(BigDecimal.valueOf(weight)), BigDecimal::add);
            }
        }
    }

    /** The service's answer keyed as {@link #expected} keys it. */
    public static Map<String, BigDecimal> totals(List<UsageLine> lines) {
        Map<String, BigDecimal> totals = new TreeMap<>();
        for (UsageLine line : lines) {
            totals.put(line.periodStart() + " " + subject(line.metric(), line.serviceType()), line.quantity().stripTrailingZeros());
        }
        return totals;
    }

    public static String subject(String metric, String serviceType) {
        return switch (metric) {
            case UsageQueries.ENVIRONMENT_HOURS -> Transition.ENVIRONMENT;
            case UsageQueries.IDLE_STOPPED_HOURS -> Transition.IDLE_STOPPED;
            case UsageQueries.STORAGE_BYTE_HOURS -> "storage:" + serviceType;
            case UsageQueries.STOPPED_STORAGE_BYTE_HOURS -> "stopped_storage:" + serviceType;
            default -> serviceType;
        };
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
