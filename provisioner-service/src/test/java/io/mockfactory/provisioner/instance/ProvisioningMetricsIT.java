package io.mockfactory.provisioner.instance;

import io.mockfactory.provisioner.ProvisionerTestProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.mockfactory.events.EnvelopeCodec;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.Message;
import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.Topics;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.events.command.DestroyEnvironment;
import io.mockfactory.localstack.SharedInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The provisioner's metrics as Prometheus scrapes them, around a real redis-server provisioned the production way (a
 * CreateEnvironment on Kafka, the worker starting it locally) and destroyed again.
 */
class ProvisioningMetricsIT {
    private static final String TOKEN = "test-internal-token";
    /** Below Linux's ephemeral range (32768-60999): no outgoing connection's source port can take one of these. */
    private static final int FIRST_PORT = 23100;
    private static final int PORTS = 10;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static ApplicationContext context;
    private static KafkaProducer<String, byte[]> producer;
    private static String metricsUrl;

    @BeforeAll
    static void start() throws Exception {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        Map<String, Object> props = ProvisionerTestProperties.of(FIRST_PORT, PORTS, "", Files.createTempDirectory("instances"));
        props.put("micronaut.server.port", "-1");
        props.put("mockfactory.internal.token", TOKEN);
        props.put("mockfactory.provisioner.metrics-refresh", "200ms");
        props.put("mockfactory.inbox.initial-backoff", "20ms");
        context = ApplicationContext.builder().properties(props).start();
        metricsUrl = "http://localhost:" + context.getBean(EmbeddedServer.class).start().getPort() + "/metrics";
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void shouldCountPortsAndTimeTheProvisioningOfARealInstance() throws Exception {
        awaitLines(List.of("ports_allocated 0.0", "ports_available 10.0"));

        String environmentId = EventIds.newId("env");
        send(environmentId, new CreateEnvironment("metrics-test", Map.of("redis", new ServiceSpec("7", Map.of())), null,
                "beginner"));
        String scrape = awaitLines(List.of("instance_ready_seconds_count{type=\"redis\"} 1",
                "instance_ready_seconds_bucket{type=\"redis\",le=\"+Inf\"} 1", "ports_allocated 1.0", "ports_available 9.0"));
        List<String> bounds = scrape.lines().filter(line -> line.startsWith("instance_ready_seconds_bucket{type=\"redis\""))
                .map(line -> line.substring(line.indexOf("le=\"") + 4, line.indexOf("\"}"))).toList();
        assertEquals(List.of("0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "20.0", "30.0", "60.0", "120.0", "+Inf"),
                bounds, "explicit buckets from 50 ms to 120 s");
        assertFalse(scrape.contains(environmentId), "no environment id in any label");

        send(environmentId, new DestroyEnvironment("test"));
        scrape = awaitLines(List.of("ports_allocated 0.0", "ports_available 10.0"));
        assertTrue(scrape.lines().anyMatch("instance_ready_seconds_count{type=\"redis\"} 1"::equals),
                "a destroy is no second ready");
    }

    private static void send(String environmentId, Message command) throws Exception {
        EventEnvelope envelope = EventEnvelope.of(command).withEnvironmentId(environmentId).withUserId("usr_metrics");
        producer.send(new ProducerRecord<>(Topics.ENVIRONMENT_COMMANDS, environmentId, CODEC.encode(envelope))).get();
    }

    /** Scrapes until every one of {@code lines} is a line of the answer; @return that scrape */
    private static String awaitLines(List<String> lines) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String scrape = "";
        while (System.nanoTime() < deadline) {
            scrape = scrape();
            if (scrape.lines().toList().containsAll(lines)) {
                return scrape;
            }
            Thread.sleep(100);
        }
        return fail("expected " + lines + " in the scrape, got " + scrape.lines()
                .filter(line -> line.startsWith("ports_") || line.startsWith("instance_ready")).collect(Collectors.joining("\n")));
    }

    private static String scrape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(metricsUrl))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
