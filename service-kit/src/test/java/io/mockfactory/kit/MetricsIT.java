package io.mockfactory.kit;

import io.micronaut.runtime.server.EmbeddedServer;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.Topics;
import io.mockfactory.events.environment.EnvironmentFailed;
import io.mockfactory.kit.db.SchemaSettings;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.kafka.ConsumerLagMetrics;
import io.mockfactory.kit.kafka.KafkaClients;
import io.mockfactory.kit.outbox.OutboxMetrics;
import io.mockfactory.kit.outbox.OutboxRelay;
import io.mockfactory.kit.outbox.OutboxSettings;
import io.mockfactory.localstack.SharedInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The series the alert rules and the dashboard read, as a real scrape of {@code /metrics} shows them, on an internal
 * service (the token is enforced) with its own outbox, probe topic and consumer group.
 */
class MetricsIT {
    private static final String TOKEN = "metrics-it-token";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String RUN = EventIds.newId("m").substring(2, 12).toLowerCase().replaceAll("[^a-z0-9]", "x");
    private static final String PROBE_TOPIC = "kit-test.metrics." + RUN;
    private static final String LAG_TOPIC = "kit-test.lag." + RUN;
    private static KitHarness service;
    private static String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(PROBE_TOPIC, 1, (short) 1),
                    new NewTopic(Topics.deadLetterOf(PROBE_TOPIC), 1, (short) 1),
                    new NewTopic(LAG_TOPIC, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        service = new KitHarness(Map.of("micronaut.server.port", "-1",
                "mockfactory.internal.enforce", "true", "mockfactory.internal.token", TOKEN,
                // This test publishes the outbox itself, and owns it: nothing else here writes outbox rows
                "mockfactory.outbox.relay-enabled", "false", "kit-test.recording-handler", "false",
                "kit-test.probe-topic", PROBE_TOPIC));
        EmbeddedServer server = service.context.getBean(EmbeddedServer.class);
        server.start();
        baseUrl = "http://localhost:" + server.getPort();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void shouldCountRequestsByRouteTemplateMethodAndFinalStatus() throws Exception {
        assertEquals(200, send("GET", "/probe/items/itm_first", true).statusCode());
        assertEquals(200, send("GET", "/probe/items/itm_second?detail=full", true).statusCode());
        assertEquals(401, send("GET", "/probe/items/itm_third", false).statusCode());
        assertEquals(404, send("GET", "/scanner/guess-" + RUN, true).statusCode());
        assertEquals(500, send("GET", "/probe/crash", true).statusCode());
        assertEquals(409, send("GET", "/probe/conflict", true).statusCode());
        send("PURGE", "/probe/items/itm_first", true);

        String scrape = scrape();
        String items = "endpoint=\"/probe/items/{id}\",method=\"GET\"";
        assertSample(2, scrape, "http_requests_total{" + items + ",status=\"200\"}");
        assertSample(1, scrape, "http_requests_total{" + items + ",status=\"401\"}");
        assertSample(1, scrape, "http_requests_total{endpoint=\"unmatched\",method=\"GET\",status=\"404\"}");
        assertSample(1, scrape, "http_requests_total{endpoint=\"/probe/crash\",method=\"GET\",status=\"500\"}");
        assertSample(1, scrape, "http_requests_total{endpoint=\"/probe/conflict\",method=\"GET\",status=\"409\"}");
        assertTrue(scrape.lines().anyMatch(line -> line.startsWith("http_requests_total{endpoint=\"unmatched\",method=\"OTHER\",")),
                "a method the server does not know is OTHER");

        assertSample(3, scrape, "http_request_duration_seconds_count{" + items + "}");
        assertSample(3, scrape, "http_request_duration_seconds_bucket{" + items + ",le=\"+Inf\"}");
        assertTrue(sample(scrape, "http_request_duration_seconds_sum{" + items + "}").isPresent(), "the sum is exported");
        long buckets = scrape.lines().filter(line -> line.startsWith("http_request_duration_seconds_bucket{" + items + ",le=")).count();
        assertEquals(16, buckets, "15 buckets from 5 ms to 10 s, and +Inf");

        // Micronaut's own http_server_requests_seconds (uri="/probe/items/{id}{?detail}") is not these series
        List<String> ours = scrape.lines().filter(line -> line.startsWith("http_request")).toList();
        for (String raw : List.of("itm_", "guess-", "PURGE", "detail", "?")) {
            assertTrue(ours.stream().noneMatch(line -> line.contains(raw)), "no label carries a raw path, query or method: " + raw);
        }
    }

    @Test
    void shouldReportTheOutboxBacklogUntilTheRelayPublishesIt() throws Exception {
        OutboxMetrics outbox = service.context.getBean(OutboxMetrics.class);
        outbox.refresh();
        String empty = scrape();
        assertSample(0, empty, "outbox_pending_rows");
        assertSample(0, empty, "outbox_oldest_unpublished_age_seconds");

        service.appendToOutbox(EventEnvelope.of(new EnvironmentFailed("metrics"))
                .withEnvironmentId(EventIds.newId("env")).withUserId("usr_test"));
        outbox.refresh();
        String waiting = scrape();
        assertSample(1, waiting, "outbox_pending_rows");
        assertTrue(sample(waiting, "outbox_oldest_unpublished_age_seconds").orElseThrow() > 0, waiting);

        OutboxRelay relay = new OutboxRelay(service.context.getBean(Transactions.class),
                service.context.getBean(DataSource.class), service.context.getBean(KafkaClients.class),
                service.context.getBean(OutboxSettings.class), service.context.getBean(SchemaSettings.class));
        relay.onApplicationEvent(null);
        try {
            KitHarness.await("the relay to publish the row", WAIT, () -> {
                outbox.refresh();
                return sample(scrape(), "outbox_pending_rows").orElse(-1) == 0;
            });
        } finally {
            relay.stop();
        }
        assertSample(0, scrape(), "outbox_oldest_unpublished_age_seconds");
    }

    @Test
    void shouldCountDeadLetteredMessagesBySourceTopicFromZero() throws Exception {
        String series = "messages_dead_lettered_total{topic=\"" + PROBE_TOPIC + "\"}";
        assertSample(0, scrape(), series);

        service.produceRaw(PROBE_TOPIC, "poison-" + RUN, "{not an envelope".getBytes(StandardCharsets.UTF_8));
        KitHarness.await("the poison message to be dead-lettered", WAIT,
                () -> sample(scrape(), series).orElse(0) >= 1);

        service.awaitRecord(Topics.deadLetterOf(PROBE_TOPIC), r -> ("poison-" + RUN).equals(r.key()), WAIT);
        assertSample(1, scrape(), series);
    }

    @Test
    void shouldReportEachGroupsUncommittedMessagesPerTopic() throws Exception {
        service.produceRaw(LAG_TOPIC, 0, "a", new byte[]{1});
        service.produceRaw(LAG_TOPIC, 0, "b", new byte[]{2});
        service.produceRaw(LAG_TOPIC, 1, "c", new byte[]{3});
        String group = "lag-probe-" + RUN;
        String series = "kafka_consumer_group_lag{group=\"" + group + "\",topic=\"" + LAG_TOPIC + "\"}";
        ConsumerLagMetrics lag = service.context.getBean(ConsumerLagMetrics.class);
        lag.track(group, Set.of(LAG_TOPIC));

        lag.refresh();
        assertSample(3, scrape(), series);

        try (Admin admin = admin()) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(LAG_TOPIC, 0), new OffsetAndMetadata(2)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        lag.refresh();
        assertSample(1, scrape(), series);

        // The group the kit's own consumer uses was registered by the kit, and has nothing left to read
        String inbox = "kafka_consumer_group_lag{group=\"kit-test-" + service.schema + "." + MetricsProbeHandler.NAME
                + "\",topic=\"" + PROBE_TOPIC + "\"}";
        KitHarness.await("the probe consumer's lag to be measured at 0", WAIT, () -> {
            lag.refresh();
            return sample(scrape(), inbox).orElse(-1) == 0;
        });
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.get().kafka().bootstrapServers()));
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private HttpResponse<String> send(String method, String path, boolean withToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (withToken) {
            request.header("X-Internal-Token", TOKEN);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the sample whose name and labels are exactly {@code series}. */
    private static OptionalDouble sample(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]))
                .findFirst();
    }

    private static void assertSample(double expected, String scrape, String series) {
        OptionalDouble value = sample(scrape, series);
        String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
        assertTrue(value.isPresent(), () -> "no sample " + series + " in the scrape; " + name + " has: "
                + scrape.lines().filter(line -> line.startsWith(name)).toList());
        assertEquals(expected, value.getAsDouble(), series);
    }
}
