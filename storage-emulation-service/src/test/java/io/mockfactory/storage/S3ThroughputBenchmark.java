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
    private static final long WARM_UP_CELL_SECONDS = Long.getLong("bench.warmup-seconds", 4);
    private static final int WARM_UP_MAX_ROUNDS = Integer.getInteger("bench.warmup-rounds", 8);
    /** Below this share of one core spent in the JIT compilers over a whole round, a JVM counts as warm. */
    private static final double JIT_QUIET_SHARE = 0.02;
    private static final int KEYS = 64;
    private static final List<String> CELLS = List.of("PUT 64KiB", "GET 64KiB", "PUT 1MiB", "GET 1MiB");
    /** For profiling one server in one cell: {@code -Dbench.only=mockfactory -Dbench.cells="PUT 64KiB"} (no ratios then). */
    private static final String ONLY = System.getProperty("bench.only", "");
    private static final List<String> MEASURED = List.of(System.getProperty("bench.cells", String.join(",", CELLS)).split(","));

    /** CPU per operation in microseconds: where the two shared cores went (the client is this JVM). */
    record CpuPerOp(double client, double server, double database) {
    }

    record Figures(double opsPerSecond, double mibPerSecond, double p50Millis, double p99Millis, long errors, CpuPerOp cpu) {
        @Override
        public String toString() {
            return String.format("%9.0f ops/s %8.1f MiB/s  p50 %6.2f ms  p99 %7.2f ms  CPU/op client %5.0f us, server %5.0f us,"
                            + " its PostgreSQL %4.0f us%s", opsPerSecond, mibPerSecond, p50Millis, p99Millis, cpu.client(),
                    cpu.server(), cpu.database(), errors > 0 ? "  (" + errors + " errors)" : "");
        }
    }

    @Test
    void compareWithS3Proxy() throws Exception {
        List<Server> servers = new ArrayList<>();
        Map<Server, Map<String, Figures>> table = new LinkedHashMap<>();
        try {
            if (!ONLY.equals("s3proxy")) {
                servers.add(BenchServers.mockFactory());
            }
            if (!ONLY.equals("mockfactory")) {
                servers.add(BenchServers.s3Proxy());
            }
            Map<Server, S3Client> clients = new LinkedHashMap<>();
            for (Server server : servers) {
                S3Client s3 = client(server);
                s3.createBucket(b -> b.bucket("bench"));
                clients.put(server, s3);
                table.put(server, new LinkedHashMap<>());
            }
            printConfiguration(servers);
            List<String> cells = CELLS.stream().filter(cell -> MEASURED.contains(cell)
                    || (cell.startsWith("PUT") && MEASURED.contains(cell.replace("PUT", "GET")))).toList();
            warmUp(clients, cells);
            // Cells are measured server after server, so none of them runs on a colder machine than the other
            for (String cell : cells) {
                for (Map.Entry<Server, S3Client> entry : clients.entrySet()) {
                    Figures figures = measure(entry.getKey(), entry.getValue(), payload(cell), cell.startsWith("PUT"), RUN_SECONDS);
                    table.get(entry.getKey()).put(cell, figures);
                    System.out.printf("%-12s %-9s %s%n", entry.getKey().name(), cell, figures);
                }
            }
            clients.values().forEach(S3Client::close);
            if (table.size() == 2 && MEASURED.size() == CELLS.size()) {
                printTable(table);
            }
            if (!Boolean.getBoolean("bench.skip-large")) {
                for (Server server : servers) {
                    LargeObjectBench.run(server);
                }
            }
        } finally {
            servers.forEach(Server::stop);
        }
    }

    /**
     * Rounds of every cell on every server until the JIT compilers of the client and of each server are idle: the
     * figures are then those of a stack that has been serving a while, not of the C2 compiler, which on two busy
     * cores takes most of a minute of load to settle, in the client as much as in the servers.
     */
    private static void warmUp(Map<Server, S3Client> clients, List<String> cells) throws Exception {
        long client = ProcessHandle.current().pid();
        for (int round = 1; round <= WARM_UP_MAX_ROUNDS; round++) {
            long began = System.nanoTime();
            Map<String, Long> compiling = new LinkedHashMap<>();
            compiling.put("client", ProcessCpu.compilerNanos(client));
            clients.keySet().forEach(server -> compiling.put(server.name(), ProcessCpu.compilerNanos(server.pid())));
            for (String cell : cells) {
                for (Map.Entry<Server, S3Client> entry : clients.entrySet()) {
                    measure(entry.getKey(), entry.getValue(), payload(cell), cell.startsWith("PUT"), WARM_UP_CELL_SECONDS);
                }
            }
            double wall = System.nanoTime() - began;
            StringBuilder report = new StringBuilder("warm-up round " + round + ", share of one core spent compiling:");
            boolean quiet = round >= 2;
            for (Map.Entry<String, Long> entry : compiling.entrySet()) {
                long pid = entry.getKey().equals("client") ? client : clients.keySet().stream()
                        .filter(server -> server.name().equals(entry.getKey())).findFirst().orElseThrow().pid();
                double share = (ProcessCpu.compilerNanos(pid) - entry.getValue()) / wall;
                report.append(String.format(" %s %.1f %%", entry.getKey(), share * 100));
                quiet &= share < JIT_QUIET_SHARE;
            }
            System.out.println(report);
            if (quiet) {
                return;
            }
        }
        System.out.println("warm-up: the JIT compilers were still busy after " + WARM_UP_MAX_ROUNDS + " rounds");
    }

    private static byte[] payload(String cell) {
        int size = cell.endsWith("64KiB") ? 64 * 1024 : 1024 * 1024;
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        return payload;
    }

    private static void printConfiguration(List<Server> servers) {
        System.out.println("== S3 throughput, one run, this machine (" + Runtime.getRuntime().availableProcessors() + " cores)");
        System.out.println("client: AWS SDK for Java v2 " + software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION
                + ", default checksums (aws-chunked PUTs with a CRC32 trailer, response validation on), Apache HTTP client, "
                + THREADS + " threads, " + KEYS + " keys per size; warm-up rounds of " + WARM_UP_CELL_SECONDS
                + " s per cell and server until every JVM's JIT compilers use under " + (int) (JIT_QUIET_SHARE * 100)
                + " % of a core, then " + RUN_SECONDS + " s measured per cell and server");
        servers.forEach(server -> System.out.println(server.name() + ": " + server.configuration()));
    }

    private static Figures measure(Server server, S3Client s3, byte[] payload, boolean put, long seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long clientBefore = ProcessCpu.of(ProcessHandle.current().pid());
        BenchServers.ServerCpu serverBefore = server.cpu();
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
        long clientNanos = ProcessCpu.of(ProcessHandle.current().pid()) - clientBefore;
        BenchServers.ServerCpu used = server.cpu().minus(serverBefore);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Figures(0, 0, 0, 0, errors.get(), new CpuPerOp(0, 0, 0));
        }
        double ops = sorted.length;
        CpuPerOp cpu = new CpuPerOp(clientNanos / ops / 1e3, used.serverNanos() / ops / 1e3, used.databaseNanos() / ops / 1e3);
        return new Figures(ops / elapsed, ops * payload.length / elapsed / (1024 * 1024),
                sorted[sorted.length / 2] / 1e6, sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6,
                errors.get(), cpu);
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
