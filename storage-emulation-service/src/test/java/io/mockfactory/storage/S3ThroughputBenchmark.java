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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PUT and GET throughput of this service against s3proxy (filesystem backend) and S3Mock, started side by side on
 * this machine and driven by the same AWS SDK client; then a 1 GiB upload and download through this service with its
 * heap capped at 256 MiB. Run with {@code mvn -B verify -Pbenchmarks -pl storage-emulation-service -am}; it prints
 * the table (nothing is asserted on time).
 */
class S3ThroughputBenchmark {
    private static final int THREADS = Integer.getInteger("bench.threads", 8);
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 8));
    private static final int KEYS = 64;
    private static final Path SERVERS = Path.of("target", "bench-servers");

    record Server(String name, String endpoint, String accessKey, String secret, Process process, ServiceProcess service) {
        long pid() {
            return service != null ? service.pid() : process.pid();
        }

        void stop() {
            if (service != null) {
                service.stop(Duration.ofSeconds(10));
            } else {
                process.destroy();
            }
        }
    }

    record Figures(double opsPerSecond, double mibPerSecond, double p50Millis, double p99Millis, long errors) {
        @Override
        public String toString() {
            return String.format("%9.0f ops/s %8.1f MiB/s  p50 %6.2f ms  p99 %7.2f ms%s", opsPerSecond, mibPerSecond,
                    p50Millis, p99Millis, errors > 0 ? "  (" + errors + " errors)" : "");
        }
    }

    @Test
    void compareWithS3ProxyAndS3Mock() throws Exception {
        List<Server> servers = new ArrayList<>();
        Map<String, Map<String, Figures>> table = new LinkedHashMap<>();
        try {
            Server mockfactory = startMockFactory();
            servers.add(mockfactory);
            servers.add(startS3Proxy());
            servers.add(startS3Mock());
            Map<Server, S3Client> clients = new LinkedHashMap<>();
            for (Server server : servers) {
                S3Client s3 = client(server);
                s3.createBucket(b -> b.bucket("bench"));
                clients.put(server, s3);
                table.put(server.name(), new LinkedHashMap<>());
            }
            // Every server (and the client's JIT) is warmed up before any cell is measured, and cells are measured
            // server after server, so none of them pays for the client's warm-up or runs on a colder machine
            for (boolean measuring : new boolean[]{false, true}) {
                for (int size : new int[]{64 * 1024, 1024 * 1024}) {
                    byte[] payload = new byte[size];
                    new Random(size).nextBytes(payload);
                    String label = size == 65536 ? "64KiB" : "1MiB";
                    for (boolean put : new boolean[]{true, false}) {
                        String cell = (put ? "PUT " : "GET ") + label;
                        for (Map.Entry<Server, S3Client> entry : clients.entrySet()) {
                            Figures figures = measure(entry.getValue(), payload, put, measuring ? RUN : WARM_UP);
                            if (measuring) {
                                table.get(entry.getKey().name()).put(cell, figures);
                                System.out.printf("%-12s %-9s %s%n", entry.getKey().name(), cell, figures);
                            }
                        }
                    }
                }
            }
            clients.values().forEach(S3Client::close);
            printTable(table);
            oneGibibyte(mockfactory);
        } finally {
            servers.forEach(Server::stop);
        }
    }

    private static Figures measure(S3Client s3, byte[] payload, boolean put, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                int i = thread;
                while (System.nanoTime() < end) {
                    String key = "obj-" + payload.length + "-" + (i++ % KEYS);
                    long began = System.nanoTime();
                    try {
                        if (put) {
                            s3.putObject(p -> p.bucket("bench").key(key), RequestBody.fromBytes(payload));
                        } else {
                            s3.getObjectAsBytes(g -> g.bucket("bench").key(key)).asByteArray();
                        }
                        latencies.add(System.nanoTime() - began);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Figures(0, 0, 0, 0, errors.get());
        }
        return new Figures(sorted.length / seconds, sorted.length * (double) payload.length / seconds / (1024 * 1024),
                sorted[sorted.length / 2] / 1e6, sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6,
                errors.get());
    }

    private static void printTable(Map<String, Map<String, Figures>> table) {
        System.out.println();
        System.out.println("ops/s (same SDK client, " + THREADS + " threads, " + RUN.toSeconds() + " s per cell, 2-core machine)");
        System.out.printf("%-12s %10s %10s %10s %10s%n", "server", "PUT 64KiB", "GET 64KiB", "PUT 1MiB", "GET 1MiB");
        table.forEach((server, row) -> System.out.printf("%-12s %10.0f %10.0f %10.0f %10.0f%n", server,
                ops(row, "PUT 64KiB"), ops(row, "GET 64KiB"), ops(row, "PUT 1MiB"), ops(row, "GET 1MiB")));
        Map<String, Figures> ours = table.get("mockfactory");
        for (String cell : List.of("PUT 64KiB", "GET 64KiB", "PUT 1MiB", "GET 1MiB")) {
            double fastestOther = table.entrySet().stream().filter(e -> !e.getKey().equals("mockfactory"))
                    .mapToDouble(e -> ops(e.getValue(), cell)).max().orElse(0);
            System.out.printf("%-10s mockfactory / fastest other = %.2fx%n", cell, fastestOther == 0 ? 0 : ops(ours, cell) / fastestOther);
        }
    }

    private static double ops(Map<String, Figures> row, String cell) {
        Figures figures = row == null ? null : row.get(cell);
        return figures == null ? 0 : figures.opsPerSecond();
    }

    /** 1 GiB through a service whose heap is 256 MiB: the bodies must stream. */
    private static void oneGibibyte(Server server) throws Exception {
        Path file = Files.createTempFile("one-gib", ".bin");
        Path back = Files.createTempFile("one-gib-back", ".bin");
        try (S3Client s3 = client(server)) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] block = new byte[1024 * 1024];
            Random random = new Random(1);
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int i = 0; i < 1024; i++) {
                    random.nextBytes(block);
                    md5.update(block);
                    out.write(block);
                }
            }
            long start = System.nanoTime();
            String etag = s3.putObject(p -> p.bucket("bench").key("one-gib"), RequestBody.fromFile(file)).eTag();
            double upload = (System.nanoTime() - start) / 1e9;
            Files.delete(back);
            start = System.nanoTime();
            s3.getObject(g -> g.bucket("bench").key("one-gib"), ResponseTransformer.toFile(back));
            double download = (System.nanoTime() - start) / 1e9;
            boolean intact = etag.equals("\"" + HexFormat.of().formatHex(md5.digest()) + "\"") && Files.size(back) == Files.size(file);
            System.out.printf("%n1 GiB through mockfactory (-Xmx256m): upload %.1f s (%.0f MiB/s), download %.1f s (%.0f MiB/s),"
                            + " intact=%s, service peak RSS %s%n", upload, 1024 / upload, download, 1024 / download, intact,
                    peakRss(server.pid()));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(back);
        }
    }

    private static String peakRss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return line.substring("VmHWM:".length()).strip();
            }
        }
        return "unknown";
    }

    private static S3Client client(Server server) {
        // Checksums only when an operation requires them: s3proxy 2.6 refuses the SDK's default x-amz-checksum-crc32
        return S3Client.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(THREADS * 2))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(server.accessKey(), server.secret())))
                .build();
    }

    private static Server startMockFactory() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        Path state = Files.createTempDirectory("bench-storage");
        Path secrets = Files.createDirectories(state.resolve("secrets"));
        String internalToken = EventIds.newId("itk");
        Files.writeString(secrets.resolve("mockfactory.internal.token"), internalToken);
        int s3Port = FreePorts.pick();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATASOURCES_DEFAULT_URL", infra.postgres().jdbcUrl());
        env.put("DATASOURCES_DEFAULT_USERNAME", PostgresServer.USER);
        env.put("DATASOURCES_DEFAULT_PASSWORD", "");
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafka().bootstrapServers());
        env.put("MOCKFACTORY_DB_SCHEMA", "storage_bench");
        env.put("MOCKFACTORY_SECRETS_DIR", secrets.toString());
        env.put("MOCKFACTORY_STATE_DIR", state.toString());
        env.put("MOCKFACTORY_S3_PORT", String.valueOf(s3Port));
        env.put("MOCKFACTORY_S3_PUBLIC_ENDPOINT", "http://localhost:" + s3Port);
        ServiceProcess service = ServiceProcess.start("storage-emulation-service",
                Path.of("target", "storage-emulation-service.jar").toAbsolutePath(), FreePorts.pick(), env,
                List.of("-Xmx256m", "-XX:+UseSerialGC"), state.resolve("storage.log"));
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
        for (int attempt = 0; attempt < 300; attempt++) {
            HttpResponse<String> credentials = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                            + "/internal/environments/" + environmentId + "/credentials?user_id=" + userId))
                    .header("X-Internal-Token", internalToken).build(), HttpResponse.BodyHandlers.ofString());
            if (credentials.statusCode() == 200 && credentials.body().contains("secret_access_key")) {
                return new Server("mockfactory", "http://localhost:" + s3Port, field(credentials.body(), "access_key_id"),
                        field(credentials.body(), "secret_access_key"), null, service);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the benchmark's aws_s3 service never became ready");
    }

    private static Server startS3Proxy() throws Exception {
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
        return new Server("s3proxy", "http://127.0.0.1:" + port, "bench-identity", "bench-credential", process, null);
    }

    private static Server startS3Mock() throws Exception {
        int port = FreePorts.pick();
        Path dir = Files.createTempDirectory("bench-s3mock");
        Process process = new ProcessBuilder("java", "-jar", SERVERS.resolve("s3mock-exec.jar").toAbsolutePath().toString(),
                "--com.adobe.testing.s3mock.httpPort=" + port, "--server.port=" + FreePorts.pick(),
                "--com.adobe.testing.s3mock.store.root=" + dir.resolve("data")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile()).start();
        awaitPort(port, process, "S3Mock");
        return new Server("s3mock", "http://127.0.0.1:" + port, "any", "any", process, null);
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
