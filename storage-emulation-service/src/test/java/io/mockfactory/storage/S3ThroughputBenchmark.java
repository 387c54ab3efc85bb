package io.mockfactory.storage;

import io.mockfactory.storage.BenchServers.Server;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PUT and GET throughput of MockFactory's S3 beside s3proxy 3.3.0, both started on this machine as their users start
 * them ({@link BenchServers}) and driven in one run by the same AWS SDK v2 client with its default checksums (every
 * PUT is aws-chunked with a CRC32 trailer, every full GET's checksum is validated), 8 threads, 64 KiB and 1 MiB
 * objects, each server warmed up before any cell is measured. Prints the configuration, both results, the ratios and
 * both peak RSS; then 1 GiB single and multipart PUT/GET through each ({@link LargeObjectBench}). Run with
 * {@code mvn -B verify -Pbenchmarks -pl storage-emulation-service -am -Dit.test=S3ThroughputBenchmark}; nothing is
 * asserted on time.
 */
class S3ThroughputBenchmark {
    static final int THREADS = Integer.getInteger("bench.threads", 8);
    private static final long RUN_SECONDS = Long.getLong("bench.seconds", 10);
    private static final long WARM_UP_SECONDS = Long.getLong("bench.warmup-seconds", 8);
    private static final int KEYS = 64;
    private static final List<String> CELLS = List.of("PUT 64KiB", "GET 64KiB", "PUT 1MiB", "GET 1MiB");

    record Figures(double opsPerSecond, double mibPerSecond, double p50Millis, double p99Millis, long errors) {
        @Override
        public String toString() {
            return String.format("%9.0f ops/s %8.1f MiB/s  p50 %6.2f ms  p99 %7.2f ms%s", opsPerSecond, mibPerSecond,
                    p50Millis, p99Millis, errors > 0 ? "  (" + errors + " errors)" : "");
        }
    }

    @Test
    void compareWithS3Proxy() throws Exception {
        List<Server> servers = new ArrayList<>();
        Map<Server, Map<String, Figures>> table = new LinkedHashMap<>();
        try {
            servers.add(BenchServers.mockFactory());
            servers.add(BenchServers.s3Proxy());
            Map<Server, S3Client> clients = new LinkedHashMap<>();
            for (Server server : servers) {
                S3Client s3 = client(server);
                s3.createBucket(b -> b.bucket("bench"));
                clients.put(server, s3);
                table.put(server, new LinkedHashMap<>());
            }
            printConfiguration(servers);
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
                            Figures figures = measure(entry.getValue(), payload, put, measuring ? RUN_SECONDS : WARM_UP_SECONDS);
                            if (measuring) {
                                table.get(entry.getKey()).put(cell, figures);
                                System.out.printf("%-12s %-9s %s%n", entry.getKey().name(), cell, figures);
                            }
                        }
                    }
                }
            }
            clients.values().forEach(S3Client::close);
            printTable(table);
            if (!Boolean.getBoolean("bench.skip-large")) {
                for (Server server : servers) {
                    LargeObjectBench.run(server);
                }
            }
        } finally {
            servers.forEach(Server::stop);
        }
    }

    private static void printConfiguration(List<Server> servers) {
        System.out.println("== S3 throughput, one run, this machine (" + Runtime.getRuntime().availableProcessors() + " cores)");
        System.out.println("client: AWS SDK for Java v2 " + software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION
                + ", default checksums (aws-chunked PUTs with a CRC32 trailer, response validation on), Apache HTTP client, "
                + THREADS + " threads, " + KEYS + " keys per size, " + WARM_UP_SECONDS + " s warm-up and " + RUN_SECONDS
                + " s measured per cell and server");
        servers.forEach(server -> System.out.println(server.name() + ": " + server.configuration()));
    }

    private static Figures measure(S3Client s3, byte[] payload, boolean put, long seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
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
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Figures(0, 0, 0, 0, errors.get());
        }
        return new Figures(sorted.length / elapsed, sorted.length * (double) payload.length / elapsed / (1024 * 1024),
                sorted[sorted.length / 2] / 1e6, sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6,
                errors.get());
    }

    private static void printTable(Map<Server, Map<String, Figures>> table) throws Exception {
        System.out.println();
        System.out.printf("%-12s %12s %12s %12s %12s %14s%n", "server", "PUT 64KiB/s", "GET 64KiB/s", "PUT 1MiB MiB/s",
                "GET 1MiB MiB/s", "peak RSS MiB");
        for (Map.Entry<Server, Map<String, Figures>> row : table.entrySet()) {
            Map<String, Figures> cells = row.getValue();
            System.out.printf("%-12s %12.0f %12.0f %12.1f %12.1f %14d%n", row.getKey().name(),
                    cells.get("PUT 64KiB").opsPerSecond(), cells.get("GET 64KiB").opsPerSecond(),
                    cells.get("PUT 1MiB").mibPerSecond(), cells.get("GET 1MiB").mibPerSecond(), row.getKey().peakRssMib());
        }
        List<Map<String, Figures>> rows = new ArrayList<>(table.values());
        StringBuilder ratios = new StringBuilder("mockfactory / s3proxy:");
        for (String cell : CELLS) {
            double theirs = rows.get(1).get(cell).opsPerSecond();
            ratios.append(String.format("  %s %.2fx", cell, theirs == 0 ? 0 : rows.get(0).get(cell).opsPerSecond() / theirs));
        }
        System.out.println(ratios);
        System.out.println("goal (issue 17): PUT 64KiB and PUT 1MiB >= 1.5x, both GETs >= 1.2x, mockfactory peak RSS <= 200 MiB");
    }

    static S3Client client(Server server) {
        return S3Client.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(THREADS * 2))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(server.accessKey(), server.secret())))
                .build();
    }
}
