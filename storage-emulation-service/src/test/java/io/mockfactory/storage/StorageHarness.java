package io.mockfactory.storage;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.mockfactory.events.EnvelopeCodec;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.Message;
import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.Topics;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.localstack.FreePorts;
import io.mockfactory.localstack.SharedInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A storage-emulation-service on the shared real PostgreSQL and Kafka, in its own schema, with its S3 port. Its
 * aws_s3 services are made the way production makes them: a CreateEnvironment command on Kafka.
 */
public final class StorageHarness implements AutoCloseable {
    static final String INTERNAL_TOKEN = "test-internal-token";

    final ApplicationContext context;
    final Path blobRoot;
    final int s3Port;
    private final String restUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final KafkaProducer<String, byte[]> producer;
    private final EnvelopeCodec codec = new EnvelopeCodec();

    public record S3Keys(String environmentId, String userId, String accessKeyId, String secretAccessKey, String endpoint) {
    }

    StorageHarness() throws Exception {
        this(Map.of());
    }

    /** @param overrides extra configuration, e.g. another blob store */
    public StorageHarness(Map<String, Object> overrides) throws Exception {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        String schema = "storage_" + EventIds.newId("t").substring(2, 10).toLowerCase().replaceAll("[^a-z0-9]", "x");
        blobRoot = Files.createTempDirectory("blobs");
        s3Port = FreePorts.pick();
        Map<String, Object> props = new HashMap<>(infrastructure.serviceProperties(schema));
        props.put("micronaut.server.port", "-1");
        props.put("mockfactory.internal.token", INTERNAL_TOKEN);
        props.put("mockfactory.vault.key-file", Files.createTempDirectory("vault").resolve("key").toString());
        props.put("mockfactory.s3.port", s3Port);
        props.put("mockfactory.s3.public-endpoint", "http://localhost:" + s3Port);
        props.put("mockfactory.blob-store.filesystem.root", blobRoot.toString());
        props.putAll(overrides);
        context = ApplicationContext.builder().properties(props).start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        restUrl = "http://localhost:" + server.getPort();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** This service's REST API (the internal routes need {@link #INTERNAL_TOKEN}). */
    String restUrl() {
        return restUrl;
    }

    public String endpoint() {
        return "http://localhost:" + s3Port;
    }

    /** The AWS SDK client a test drives this data plane with, path-style, as {@code keys}; further settings on top. */
    public software.amazon.awssdk.services.s3.S3ClientBuilder client(S3Keys keys) {
        return software.amazon.awssdk.services.s3.S3Client.builder().endpointOverride(URI.create(endpoint()))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
                .forcePathStyle(true);
    }

    /** An environment with an aws_s3 service, ready: its key pair as the credentials endpoint reveals it. */
    public S3Keys newEnvironment() throws Exception {
        return newEnvironment(EventIds.newId("usr"));
    }

    /** Another environment of {@code userId}'s (the quota and the usage route count a user's environments together). */
    public S3Keys newEnvironment(String userId) throws Exception {
        String environmentId = EventIds.newId("env");
        send(environmentId, userId, new CreateEnvironment("s3-test", Map.of("aws_s3",
                new ServiceSpec("2006-03-01", Map.of("region", "us-east-1"))), null, "beginner"));
        return keysOf(environmentId, userId);
    }

    /** The key pair of an environment's aws_s3 service once the credentials endpoint reveals it (active or not). */
    public S3Keys keysOf(String environmentId, String userId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> credentials = credentials(environmentId, userId);
            if (credentials.statusCode() == 200 && credentials.body().contains("secret_access_key")) {
                return new S3Keys(environmentId, userId, field(credentials.body(), "access_key_id"),
                        field(credentials.body(), "secret_access_key"), field(credentials.body(), "endpoint"));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The aws_s3 service of " + environmentId + " never became ready");
    }

    public void send(String environmentId, String userId, Message command) throws Exception {
        EventEnvelope envelope = EventEnvelope.of(command).withEnvironmentId(environmentId).withUserId(userId);
        producer.send(new ProducerRecord<>(Topics.ENVIRONMENT_COMMANDS, environmentId, codec.encode(envelope))).get();
    }

    /** An event of another service (the provisioner's snapshots, say), as it would publish it. */
    public void publishEvent(String environmentId, String userId, Message event) throws Exception {
        EventEnvelope envelope = EventEnvelope.of(event).withEnvironmentId(environmentId).withUserId(userId);
        producer.send(new ProducerRecord<>(Topics.ENVIRONMENT_EVENTS, environmentId, codec.encode(envelope))).get();
    }

    HttpResponse<String> credentials(String environmentId, String userId) throws Exception {
        return internalGet("/internal/environments/" + environmentId + "/credentials?user_id=" + userId);
    }

    /** A GET of this service's REST API as another service makes it (with the internal token). */
    HttpResponse<String> internalGet(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(restUrl + pathAndQuery)).header("X-Internal-Token", INTERNAL_TOKEN)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A call of this service's internal REST API with a JSON body (or none), as the provisioner makes it. */
    HttpResponse<String> internal(String method, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(restUrl + path)).header("X-Internal-Token", INTERNAL_TOKEN)
                .header("Content-Type", "application/json").method(method, json == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A call of this service's internal REST API with a raw body (an upload, as the gateway streams it). */
    HttpResponse<String> internalBytes(String method, String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(restUrl + path)).header("X-Internal-Token", INTERNAL_TOKEN)
                .header("Content-Type", "application/octet-stream").method(method,
                        HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The aws_s3 service's status in this service's own table. */
    String serviceStatus(String environmentId) throws Exception {
        try (java.sql.Connection connection = context.getBean(javax.sql.DataSource.class).getConnection();
             java.sql.PreparedStatement select = connection.prepareStatement(
                     "SELECT status FROM s3_services WHERE environment_id = ?")) {
            select.setString(1, environmentId);
            try (java.sql.ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : "not created yet";
            }
        }
    }

    void awaitServiceStatus(String environmentId, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!expected.equals(serviceStatus(environmentId))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(environmentId + " is " + serviceStatus(environmentId) + ", not " + expected);
            }
            Thread.sleep(50);
        }
    }

    public String scrapeMetrics() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(restUrl + "/metrics"))
                .header("Authorization", "Bearer " + INTERNAL_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /metrics answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /**
     * Scrapes until every one of {@code lines} is a line of {@code /metrics} (a request is counted once its answer is
     * written, which may be just after the client has it). @return that scrape
     */
    public String awaitMetricLines(List<String> lines) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            String scrape = scrapeMetrics();
            List<String> missing = lines.stream().filter(line -> !scrape.lines().toList().contains(line)).toList();
            if (missing.isEmpty()) {
                return scrape;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("missing " + missing + " in a scrape of\n" + scrape);
            }
            Thread.sleep(50);
        }
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!matcher.find()) {
            throw new AssertionError(name + " missing in " + json);
        }
        return matcher.group(1);
    }

    @Override
    public void close() {
        producer.close();
        context.close();
    }
}
