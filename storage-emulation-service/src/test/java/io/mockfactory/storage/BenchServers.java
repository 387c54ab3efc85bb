package io.mockfactory.storage;

import io.mockfactory.events.EnvelopeCodec;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.Topics;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.localstack.FreePorts;
import io.mockfactory.localstack.PostgresServer;
import io.mockfactory.localstack.ServiceProcess;
import io.mockfactory.localstack.SharedInfrastructure;
import io.mockfactory.localstack.StackService;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 servers a benchmark compares, each started as its users start it: MockFactory's storage service with the
 * JVM options {@code ./mockfactory up} gives it ({@link StackService}) and its default filesystem blob store, and
 * s3proxy 3.x from its release jar (filesystem backend, authentication on) with a plain {@code java -jar}.
 */
final class BenchServers {
    private static final Path SERVERS = Path.of("target", "bench-servers");

    record Server(String name, String endpoint, String accessKey, String secret, String configuration, Process process,
                  ServiceProcess service, PostgresServer database) {
        long pid() {
            return service != null ? service.pid() : process.pid();
        }

        /** CPU nanoseconds the server and (MockFactory's) its PostgreSQL have used so far. */
        ServerCpu cpu() {
            return new ServerCpu(ProcessCpu.of(pid()), database == null ? 0 : ProcessCpu.ofTree(database.postmasterPid()));
        }

        /** The most resident memory the process has had (VmHWM), in MiB. */
        long peakRssMib() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
            return -1;
        }

        void stop() {
            if (service != null) {
                service.stop(Duration.ofSeconds(10));
            } else {
                process.destroy();
            }
            if (database != null) {
                database.close();
            }
        }
    }

    record ServerCpu(long serverNanos, long databaseNanos) {
        ServerCpu minus(ServerCpu before) {
            return new ServerCpu(serverNanos - before.serverNanos, databaseNanos - before.databaseNanos);
        }
    }

    private BenchServers() {
    }

    static Server mockFactory() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        Path state = Files.createTempDirectory("bench-storage");
        // Not the tests' shared PostgreSQL (fsync off): its own, with the settings ./mockfactory up gives its PostgreSQL
        PostgresServer database = PostgresServer.start(state.resolve("postgres"), FreePorts.pick(), false);
        Path secrets = Files.createDirectories(state.resolve("secrets"));
        String internalToken = EventIds.newId("itk");
        Files.writeString(secrets.resolve("mockfactory.internal.token"), internalToken);
        int s3Port = FreePorts.pick();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATASOURCES_DEFAULT_URL", database.jdbcUrl());
        env.put("DATASOURCES_DEFAULT_USERNAME", PostgresServer.USER);
        env.put("DATASOURCES_DEFAULT_PASSWORD", "");
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafka().bootstrapServers());
        env.put("MOCKFACTORY_DB_SCHEMA", "storage_bench");
        env.put("MOCKFACTORY_SECRETS_DIR", secrets.toString());
        env.put("MOCKFACTORY_STATE_DIR", state.toString());
        env.put("MOCKFACTORY_S3_PORT", String.valueOf(s3Port));
        env.put("MOCKFACTORY_S3_PUBLIC_ENDPOINT", "http://localhost:" + s3Port);
        for (String variable : System.getProperty("bench.env", "").split(",")) {
            // For memory experiments: -Dbench.env=MALLOC_ARENA_MAX=2
            if (variable.contains("=")) {
                env.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
            }
        }
        List<String> jvm = StackService.of("storage-emulation-service").jvmOptions();
        List<String> options = new java.util.ArrayList<>(jvm);
        String extra = System.getProperty("bench.jvm-extra", "").trim();
        if (!extra.isEmpty()) {
            // For profilers: -XX:+PreserveFramePointer -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit for perf
            options.addAll(List.of(extra.split("\\s+")));
        }
        String recording = System.getProperty("bench.jfr");
        if (recording != null) {
            // A profile of the service under the benchmark's load (JFR's default settings: about 1 % overhead)
            options.add("-XX:StartFlightRecording=filename=" + Path.of(recording).toAbsolutePath() + ",settings=profile,dumponexit=true");
        }
        ServiceProcess service = ServiceProcess.start("storage-emulation-service",
                Path.of("target", "storage-emulation-service.jar").toAbsolutePath(), FreePorts.pick(), env, options,
                state.resolve("storage.log"));
        service.awaitHealthy(Duration.ofSeconds(90));

        String environmentId = EventIds.newId("env");
        String userId = EventIds.newId("usr");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            EventEnvelope command = EventEnvelope.of(new CreateEnvironment("bench", Map.of("aws_s3",
                    new ServiceSpec("2006-03-01", Map.of())), null, "enterprise")).withEnvironmentId(environmentId).withUserId(userId);
            producer.send(new ProducerRecord<>(Topics.ENVIRONMENT_COMMANDS, environmentId, new EnvelopeCodec().encode(command))).get();
        }
        HttpClient http = HttpClient.newHttpClient();
        String configuration = "storage-emulation-service, JVM " + String.join(" ", jvm)
                + " (./mockfactory up's), filesystem blob store, PostgreSQL metadata (PostgreSQL " + database.version()
                + " as ./mockfactory up runs it: fsync and synchronous_commit on), SigV4 and checksums verified";
        for (int attempt = 0; attempt < 300; attempt++) {
            HttpResponse<String> credentials = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                            + "/internal/environments/" + environmentId + "/credentials?user_id=" + userId))
                    .header("X-Internal-Token", internalToken).build(), HttpResponse.BodyHandlers.ofString());
            if (credentials.statusCode() == 200 && credentials.body().contains("secret_access_key")) {
                return new Server("mockfactory", "http://localhost:" + s3Port, field(credentials.body(), "access_key_id"),
                        field(credentials.body(), "secret_access_key"), configuration, null, service, database);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the benchmark's aws_s3 service never became ready");
    }

    static Server s3Proxy() throws Exception {
        int port = FreePorts.pick();
        Path dir = Files.createTempDirectory("bench-s3proxy");
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=bench-identity",
                "s3proxy.credential=bench-credential",
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + Files.createDirectories(dir.resolve("data")), ""));
        Process process = new ProcessBuilder("java", "-jar", SERVERS.resolve("s3proxy-jar-with-dependencies.jar").toAbsolutePath().toString(),
                "--properties", properties.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        awaitPort(port, process, "s3proxy");
        return new Server("s3proxy", "http://127.0.0.1:" + port, "bench-identity", "bench-credential",
                "s3proxy 3.3.0 (release jar, java -jar, JVM defaults), jclouds filesystem, aws-v2-or-v4 auth", process, null, null);
    }

    private static void awaitPort(int port, Process process, String name) throws Exception {
        for (int attempt = 0; attempt < 600; attempt++) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited while starting");
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(name + " did not open port " + port);
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException(name + " missing in " + json);
        }
        return matcher.group(1);
    }
}
