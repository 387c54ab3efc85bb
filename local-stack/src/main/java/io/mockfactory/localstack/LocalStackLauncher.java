package io.mockfactory.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./mockfactory up}: a real Kafka broker and PostgreSQL in this JVM, then every service as its own process;
 * on Ctrl-C or SIGTERM everything is stopped again, children first.
 */
public final class LocalStackLauncher {
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(120);

    private final LaunchOptions options;
    private final Leftovers leftovers;
    private final List<ServiceSupervisor> services = new ArrayList<>();
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private volatile boolean stopping;

    private LocalStackLauncher(LaunchOptions options) {
        this.options = options;
        this.leftovers = new Leftovers(options.home());
    }

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(LaunchOptions.USAGE);
            return;
        }
        new LocalStackLauncher(options).run();
    }

    private void run() {
        LauncherLock lock;
        try {
            lock = LauncherLock.take(options.home()).orElse(null);
            if (lock == null) {
                System.err.println("Cannot start: another ./mockfactory up (pid " + LauncherLock.holder(options.home())
                        + ") is running on " + options.home() + ". Stop it first, or set MOCKFACTORY_HOME to another"
                        + " directory.");
                System.exit(2);
                return;
            }
            stopWhatAKilledRunLeft();
        } catch (IOException | RuntimeException e) {
            System.err.println("Cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<String> busy = options.namedPorts().entrySet().stream()
                .filter(port -> !FreePorts.isFree(port.getValue()))
                .map(port -> "  port " + port.getValue() + " for " + port.getKey())
                .toList();
        if (!busy.isEmpty()) {
            System.err.println("Cannot start: these ports are already in use (is another ./mockfactory up running?)\n"
                    + String.join("\n", busy) + "\nFree them or choose other ports with the variables named above.");
            System.exit(2);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "mockfactory-stop"));
        long started = System.nanoTime();
        try {
            startInfrastructure();
            startServices();
        } catch (RuntimeException | IOException | InterruptedException e) {
            System.err.println("MockFactory did not start: " + e.getMessage());
            System.exit(1);
        }
        printReady(Duration.ofNanos(System.nanoTime() - started));
        new CatalogTable(options.servicePorts().get(StackService.of("provisioner-service")), options.home().resolve("secrets")
                .resolve(LocalSecrets.INTERNAL_TOKEN)).print();
        superviseUntilStopped();
    }

    /**
     * The lock was free, so no launcher runs on this state: a PostgreSQL or service that is still alive was left by a
     * run that died without stopping it, and would hold the ports this run needs.
     */
    private void stopWhatAKilledRunLeft() throws IOException {
        for (String stopped : leftovers.stopAll()) {
            say("Stopped " + stopped + ", left running by an earlier run that did not stop cleanly");
        }
        if (PostgresServer.stopLeftoverServer(options.home().resolve("postgres"))) {
            say("Stopped the PostgreSQL an earlier run left running on " + options.home().resolve("postgres"));
        }
    }

    private void startInfrastructure() throws IOException {
        if (options.clean()) {
            say("Removing previous state in " + options.home());
            deleteRecursively(options.home());
        }
        Files.createDirectories(options.home());
        say("Starting PostgreSQL on port " + options.postgresPort() + " (data in " + options.home().resolve("postgres") + ")");
        postgres = PostgresServer.start(options.home().resolve("postgres"), options.postgresPort(), false);
        say("Starting Kafka (KRaft) on port " + options.kafkaPort());
        kafka = new KafkaBroker(options.home().resolve("kafka"), options.kafkaPort(), options.kafkaControllerPort());
        kafka.start();
    }

    private void startServices() throws IOException, InterruptedException {
        Map<String, String> shared = sharedEnvironment();
        for (StackService service : StackService.ALL) {
            int port = options.servicePorts().get(service);
            Map<String, String> env = new LinkedHashMap<>(shared);
            env.put("DATASOURCES_DEFAULT_SCHEMA", service.schema());
            env.put("MOCKFACTORY_DB_SCHEMA", service.schema());
            if (service.module().equals("gateway-service")) {
                env.put("MOCKFACTORY_HEALTH_DOWNSTREAM", "auth,environment");
            }
            Path jar = options.repoRoot().resolve(service.module()).resolve("target").resolve(service.module() + ".jar");
            say("Starting " + service.module() + " on port " + port);
            ServiceSupervisor supervisor = new ServiceSupervisor(service.module(), jar, port, env, service.jvmOptions(),
                    options.home().resolve("logs").resolve(service.module() + ".log"), leftovers,
                    LocalStackLauncher::say, java.time.Clock.systemUTC());
            supervisor.start();
            services.add(supervisor);
        }
        for (ServiceSupervisor service : services) {
            service.process().awaitHealthy(HEALTH_TIMEOUT);
            say(service.process().name() + " is healthy");
        }
    }

    private Map<String, String> sharedEnvironment() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MOCKFACTORY_SECRETS_DIR", LocalSecrets.write(options.home().resolve("secrets")).toString());
        env.put("DATASOURCES_DEFAULT_URL", postgres.jdbcUrl());
        env.put("DATASOURCES_DEFAULT_USERNAME", PostgresServer.USER);
        env.put("DATASOURCES_DEFAULT_PASSWORD", "");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("MOCKFACTORY_STATE_DIR", options.home().toString());
        env.put("MOCKFACTORY_S3_PORT", String.valueOf(options.s3Port()));
        env.put("MOCKFACTORY_PROVISIONER_LOCAL_ELASTICMQ_LIB",
                options.repoRoot().resolve("elasticmq-runtime").resolve("target").resolve("lib").toString());
        env.put("MOCKFACTORY_PROVISIONER_LOCAL_RUNTIME_ARCHIVES",
                options.repoRoot().resolve("instance-runtimes").resolve("target").resolve("archives").toString());
        env.put("MOCKFACTORY_S3_PUBLIC_ENDPOINT", "http://localhost:" + options.s3Port());
        if (options.runtime().equals("docker")) {
            env.put("MOCKFACTORY_PROVISIONER_RUNTIME", "docker");
            env.put("MOCKFACTORY_PROVISIONER_DOCKER_HOST", System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock"));
        }
        for (StackService service : StackService.ALL) {
            env.put("MOCKFACTORY_SERVICES_" + service.key().toUpperCase() + "_URL",
                    "http://localhost:" + options.servicePorts().get(service));
        }
        return env;
    }

    private void printReady(Duration took) {
        int gateway = options.servicePorts().get(StackService.ALL.get(StackService.ALL.size() - 1));
        System.out.printf("""

                MockFactory is up (%.1f s).
                  API         http://localhost:%d
                  Swagger UI  http://localhost:%d/docs
                  Health      http://localhost:%d/health
                  S3 API      http://localhost:%d  (keys: GET /api/v1/environments/{id}/credentials)
                  Kafka       %s
                  PostgreSQL  %s
                  Logs        %s
                Press Ctrl-C to stop everything.
                %n""", took.toMillis() / 1000.0, gateway, gateway, gateway, options.s3Port(), kafka.bootstrapServers(),
                postgres.jdbcUrl(), options.home().resolve("logs"));
        System.out.flush();
    }

    private void superviseUntilStopped() {
        while (!stopping) {
            for (ServiceSupervisor service : services) {
                try {
                    if (!stopping && !service.check()) {
                        ServiceProcess process = service.process();
                        System.err.println(process.name() + " crashed " + ServiceSupervisor.CRASHES_ALLOWED + " times within "
                                + ServiceSupervisor.CRASH_WINDOW.toMinutes() + " minutes; last lines of " + process.logFile()
                                + ":\n" + process.logTail(20) + "\nStopping MockFactory.");
                        System.exit(1);
                    }
                } catch (IOException e) {
                    System.err.println("Could not restart a service: " + e.getMessage() + "\nStopping MockFactory.");
                    System.exit(1);
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void stopAll() {
        stopping = true;
        say("Stopping MockFactory");
        services.parallelStream().forEach(service -> service.stop(Duration.ofSeconds(15)));
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
        say("Stopped");
    }

    private static void say(String line) {
        System.out.println("[mockfactory] " + line);
        System.out.flush();
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
