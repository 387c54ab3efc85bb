package io.mockfactory.kit;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.Topics;
import io.mockfactory.events.environment.ServiceReady;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Outbox commit → consumer receive latency on the real broker and database, paced (latency) and flat out
 * (throughput). Prints figures; asserts only that every event arrived. Run with {@code -Pbenchmarks}.
 */
class OutboxLatencyBenchmark {
    private static final int WARMUP = 300;
    private static final int PACED = 2000;
    private static final int PACE_MILLIS = 5;
    private static final int BURST = 5000;
    private static final int BURST_WRITERS = 4;

    private final Map<String, Long> committedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> receivedAt = new ConcurrentHashMap<>();

    @Test
    void measureCommitToConsumeLatency() throws Exception {
        try (KitHarness service = new KitHarness(Map.of())) {
            AtomicBoolean running = new AtomicBoolean(true);
            Thread consumer = new Thread(() -> consume(service, running), "benchmark-consumer");
            consumer.start();
            Thread.sleep(2000);

            List<String> warmup = commitSequentially(service, WARMUP, 0);
            awaitAll(warmup);
            List<String> paced = commitSequentially(service, PACED, PACE_MILLIS);
            awaitAll(paced);
            report("paced, one commit every " + PACE_MILLIS + " ms", paced);

            long burstStart = System.nanoTime();
            List<String> burst = commitConcurrently(service);
            awaitAll(burst);
            long burstEnd = burst.stream().mapToLong(receivedAt::get).max().orElseThrow();
            report("burst, " + BURST_WRITERS + " writers flat out", burst);
            System.out.printf("burst throughput: %d events in %.2f s = %.0f events/s commit-to-consume%n",
                    BURST, (burstEnd - burstStart) / 1e9, BURST / ((burstEnd - burstStart) / 1e9));

            running.set(false);
            consumer.join();
            assertEquals(WARMUP + PACED + BURST, receivedAt.size(), "every committed event was consumed");
        }
    }

    private List<String> commitSequentially(KitHarness service, int count, int paceMillis) throws Exception {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(commitOne(service));
            if (paceMillis > 0) {
                Thread.sleep(paceMillis);
            }
        }
        return ids;
    }

    private List<String> commitConcurrently(KitHarness service) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(BURST_WRITERS);
        List<java.util.concurrent.Future<List<String>>> parts = new ArrayList<>();
        for (int w = 0; w < BURST_WRITERS; w++) {
            parts.add(writers.submit(() -> commitSequentially(service, BURST / BURST_WRITERS, 0)));
        }
        List<String> ids = new ArrayList<>();
        for (var part : parts) {
            ids.addAll(part.get());
        }
        writers.shutdown();
        return ids;
    }

    private String commitOne(KitHarness service) throws Exception {
        EventEnvelope event = EventEnvelope.of(new ServiceReady("redis", "7", "localhost", 30001, "redis://default:*****@localhost:30001"))
                .withEnvironmentId(EventIds.newId("env")).withUserId("usr_bench");
        service.appendToOutbox(event);
        committedAt.put(event.eventId(), System.nanoTime());
        return event.eventId();
    }

    private void consume(KitHarness service, AtomicBoolean running) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, service.infra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + EventIds.newId("g"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ENVIRONMENT_EVENTS));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    var id = record.headers().lastHeader("event_id");
                    if (id != null) {
                        receivedAt.putIfAbsent(new String(id.value(), StandardCharsets.UTF_8), System.nanoTime());
                    }
                }
            }
        }
    }

    private void awaitAll(List<String> ids) throws Exception {
        KitHarness.await(ids.size() + " events", Duration.ofSeconds(120), () -> ids.stream().allMatch(receivedAt::containsKey));
    }

    private void report(String label, List<String> ids) {
        long[] micros = ids.stream().mapToLong(id -> (receivedAt.get(id) - committedAt.get(id)) / 1000).sorted().toArray();
        System.out.printf("outbox commit->consume latency (%s, n=%d): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                label, micros.length, percentile(micros, 50), percentile(micros, 90), percentile(micros, 99),
                micros[micros.length - 1] / 1000.0);
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1000.0;
    }
}
