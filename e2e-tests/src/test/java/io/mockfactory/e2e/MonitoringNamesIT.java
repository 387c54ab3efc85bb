package io.mockfactory.e2e;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Grafana dashboard and the alert rules query only metric names the services really export: the stack is used
 * (requests, a Redis and an S3 environment, S3 calls), every service's /metrics is scraped, and each name the
 * deployment's PromQL names must be among them, but for those of the exporters next to the services (PostgreSQL's,
 * Kafka's JMX, Prometheus's own up) and those its recording rules make (from names that must be exported).
 */
class MonitoringNamesIT extends OnLifecycleStack {
    private static final Path MONITORING = Path.of("..", "deploy", "monitoring");
    /** Exported by something other than MockFactory's services (the monitoring profile's exporters, Prometheus). */
    private static final List<String> EXTERNAL_PREFIXES = List.of("pg_", "kafka_server_", "kafka_controller_",
            "kafka_network_", "kafka_log_");
    /**
     * Exported by the OCI blob store only, which this stack does not run (it uses the filesystem); the storage
     * service's own tests scrape them against the OCI stand-in.
     */
    private static final Set<String> OCI_ONLY = Set.of("oci_operations_total");

    @Test
    void shouldQueryOnlyExportedMetricNames() throws Exception {
        Set<String> queried = new TreeSet<>();
        List<String> expressions = new ArrayList<>(PromQlNames.ruleExpressions(MONITORING.resolve("alerts.yml")));
        expressions.addAll(PromQlNames.dashboardExpressions(MONITORING.resolve("grafana/dashboards/mockfactory.json")));
        assertTrue(expressions.size() > 20, "read the rules and the dashboard: " + expressions.size());
        for (String expression : expressions) {
            queried.addAll(PromQlNames.of(expression));
        }
        Set<String> recorded = PromQlNames.recordedNames(MONITORING.resolve("alerts.yml"));
        assertTrue(recorded.contains("environments_created_total"), "recording rules read: " + recorded);
        queried.removeIf(name -> name.equals("up") || OCI_ONLY.contains(name) || recorded.contains(name)
                || EXTERNAL_PREFIXES.stream().anyMatch(name::startsWith));
        // (A recording rule's own expr is among the rules' expressions: what it reads must be exported)
        assertTrue(queried.containsAll(Set.of("http_requests_total", "environments_total", "environments_creations_total",
                "instance_ready_seconds_bucket",
                "s3_requests_total", "outbox_oldest_unpublished_age_seconds")), "the reader finds names: " + queried);

        use();
        // Some series appear on their first sample or refresh (consumer lag every few seconds): scraped until all are there
        Set<String> missing = Eventually.within(Duration.ofSeconds(60), () -> {
            Thread.sleep(1000);
            Set<String> absent = new TreeSet<>(queried);
            absent.removeAll(exported());
            assertTrue(absent.isEmpty(), "queried but not exported: " + absent);
            return absent;
        });
        assertEquals(Set.of(), missing);
    }

    /** Traffic of every kind the dashboard shows: API calls, a Redis instance, S3 calls including a 404. */
    private void use() throws Exception {
        String auth = newUser();
        HttpResponse<String> redis = post("/api/v1/environments", "{\"name\":\"watched\",\"services\":{\"redis\":{}}}", auth);
        assertEquals(201, redis.statusCode(), redis.body());
        HttpResponse<String> s3 = post("/api/v1/environments", "{\"name\":\"watched-s3\",\"services\":{\"aws_s3\":{}}}", auth);
        assertEquals(201, s3.statusCode(), s3.body());
        String credentials = credentials(Json.field(s3.body(), "id"), auth);
        try (S3Client client = S3Client.builder().endpointOverride(URI.create("http://localhost:" + s3Port))
                .region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        Json.field(credentials, "access_key_id"), Json.field(credentials, "secret_access_key")))).build()) {
            client.createBucket(b -> b.bucket("watched"));
            client.putObject(p -> p.bucket("watched").key("a"), RequestBody.fromString("a"));
            assertThrows(NoSuchKeyException.class, () -> client.getObject(g -> g.bucket("watched").key("missing")));
        }
        assertEquals(404, get("/api/v1/environments/env_doesnotexist0000000000", auth).statusCode());
    }

    /** Every metric name on every service's /metrics, as Prometheus would read them. */
    private Set<String> exported() throws Exception {
        Set<String> names = new TreeSet<>();
        List<String> targets = new ArrayList<>(stack.serviceUrls());
        targets.add(baseUrl);
        for (String target : targets) {
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create(target + "/metrics"))
                    .header("Authorization", "Bearer " + stack.internalToken).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scrape.statusCode(), target + ": " + scrape.body());
            for (String line : scrape.body().split("\n")) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    names.add(line.split("[{ ]", 2)[0]);
                }
            }
        }
        return names;
    }
}
