package io.mockfactory.environment.metrics;

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
import io.mockfactory.events.environment.ServiceDestroyed;
import io.mockfactory.events.environment.ServiceFailed;
import io.mockfactory.events.environment.ServiceReady;
import io.mockfactory.localstack.SharedInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The environment metrics as Prometheus scrapes them (the internal token as a bearer credential), from the read model
 * the projection builds out of real Kafka commands and service events, and the same again after a restart.
 */
class EnvironmentMetricsIT {
    private static final String TOKEN = "test-internal-token";
    private static final String REDIS = "redis";

    private final String schema = "env_" + EventIds.newId("t").substring(2, 10).toLowerCase().replaceAll("[^a-z0-9]", "x");
    private final HttpClient http = HttpClient.newHttpClient();
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            SharedInfrastructure.get().kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer());
    private ApplicationContext context;
    private String metricsUrl;

    @AfterEach
    void stop() {
        producer.close();
        if (context != null) {
            context.close();
        }
    }

    @Test
    void shouldCountEnvironmentsPerStatusFromTheReadModelAndKeepTheCountsAcrossARestart() throws Exception {
        start();
        awaitLines(List.of("environments_total{status=\"provisioning\"} 0.0", "environments_total{status=\"running\"} 0.0",
                "environments_total{status=\"stopping\"} 0.0", "environments_total{status=\"stopped\"} 0.0",
                "environments_total{status=\"starting\"} 0.0", "environments_total{status=\"destroying\"} 0.0",
                "environments_total{status=\"destroyed\"} 0.0", "environments_total{status=\"failed\"} 0.0",
                "environments_creations_total 0.0", "environments_failed_total 0.0"));

        String running = create();
        String failed = create();
        String provisioning = create();
        String destroyed = create();
        event(running, new ServiceReady(REDIS, "7", "localhost", 30001, "redis://localhost:30001"));
        event(destroyed, new ServiceReady(REDIS, "7", "localhost", 30002, "redis://localhost:30002"));
        event(failed, new ServiceFailed(REDIS, "no free port in the configured range"));
        awaitLines(List.of("environments_total{status=\"running\"} 2.0", "environments_total{status=\"failed\"} 1.0",
                "environments_total{status=\"provisioning\"} 1.0"));
        // The service event only once the command is projected: a destroy is concluded from destroying, not running
        command(destroyed, new DestroyEnvironment("test"));
        awaitLines(List.of("environments_total{status=\"destroying\"} 1.0", "environments_total{status=\"running\"} 1.0"));
        event(destroyed, new ServiceDestroyed(REDIS));

        List<String> expected = List.of("environments_total{status=\"provisioning\"} 1.0",
                "environments_total{status=\"running\"} 1.0", "environments_total{status=\"stopping\"} 0.0",
                "environments_total{status=\"stopped\"} 0.0", "environments_total{status=\"starting\"} 0.0",
                "environments_total{status=\"destroying\"} 0.0", "environments_total{status=\"destroyed\"} 1.0",
                "environments_total{status=\"failed\"} 1.0", "environments_creations_total 4.0", "environments_failed_total 1.0");
        String scrape = awaitLines(expected);
        for (String id : List.of(running, failed, provisioning, destroyed)) {
            assertFalse(scrape.contains(id), "no environment id in any label");
        }
        assertTrue(scrape.lines().noneMatch(line -> line.startsWith("environments{") || line.startsWith("environments ")),
                "the per-status count is scraped under environments_total, nothing under a stripped name");

        context.close();
        start();
        assertEquals(expected, environmentLines(scrape(), expected), "the counts come from the database, not from memory");
    }

    private void start() {
        Map<String, Object> props = new HashMap<>(SharedInfrastructure.get().serviceProperties(schema));
        props.put("micronaut.server.port", "-1");
        props.put("mockfactory.internal.token", TOKEN);
        props.put("mockfactory.inbox.initial-backoff", "20ms");
        props.put("mockfactory.outbox.poll-interval", "200ms");
        props.put("mockfactory.environments.metrics-refresh", "200ms");
        context = ApplicationContext.builder().properties(props).start();
        metricsUrl = "http://localhost:" + context.getBean(EmbeddedServer.class).start().getPort() + "/metrics";
    }

    private String create() throws Exception {
        String environmentId = EventIds.newId("env");
        command(environmentId, new CreateEnvironment("metrics-test", Map.of(REDIS, new ServiceSpec("7", Map.of())), null,
                "beginner"));
        return environmentId;
    }

    private void command(String environmentId, Message command) throws Exception {
        send(Topics.ENVIRONMENT_COMMANDS, environmentId, command);
    }

    private void event(String environmentId, Message event) throws Exception {
        send(Topics.ENVIRONMENT_EVENTS, environmentId, event);
    }

    private void send(String topic, String environmentId, Message message) throws Exception {
        EventEnvelope envelope = EventEnvelope.of(message).withEnvironmentId(environmentId).withUserId("usr_metrics");
        producer.send(new ProducerRecord<>(topic, environmentId, codec.encode(envelope))).get();
    }

    /** Scrapes until every one of {@code lines} is a line of the answer; @return that scrape */
    private String awaitLines(List<String> lines) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String scrape = "";
        while (System.nanoTime() < deadline) {
            scrape = scrape();
            if (environmentLines(scrape, lines).equals(lines)) {
                return scrape;
            }
            Thread.sleep(100);
        }
        return fail("expected " + lines + " in the scrape, got " + scrape.lines().filter(line -> line.startsWith("environments"))
                .collect(Collectors.joining("\n")));
    }

    /** Those of {@code wanted} that are whole lines of {@code scrape}, in the order wanted. */
    private static List<String> environmentLines(String scrape, List<String> wanted) {
        List<String> lines = scrape.lines().toList();
        return wanted.stream().filter(lines::contains).toList();
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(metricsUrl))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
