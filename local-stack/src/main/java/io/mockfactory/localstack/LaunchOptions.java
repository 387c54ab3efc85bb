package io.mockfactory.localstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code ./mockfactory up} was asked for: flags from the command line, ports from the environment. */
public record LaunchOptions(Path home, Path repoRoot, boolean clean, boolean help, String runtime, int kafkaPort,
                            int kafkaControllerPort, int postgresPort, int s3Port, Map<StackService, Integer> servicePorts) {

    public static final String USAGE = """
            Usage: ./mockfactory up [--clean] [--no-install] [--runtime local|docker]

            Starts a real Kafka broker, a real PostgreSQL and the six MockFactory services on this machine.
              --clean             throw away the state in .mockfactory/ and start fresh
              --no-install        do not install the local runtime's missing servers (redis-server, PostgreSQL 15
                                  with PostGIS, pgvector) with deploy/install-runtimes.sh; what is missing shows as
                                  unavailable in GET /api/v1/catalog
              --runtime docker    run Redis, the PostgreSQL flavours and ElasticMQ as containers on the engine
                                  DOCKER_HOST names (images from deploy/build-instance-images.sh) instead of processes

            Ports (environment variables, defaults in brackets):
              MOCKFACTORY_GATEWAY_PORT [8080]      MOCKFACTORY_AUTH_PORT [8081]
              MOCKFACTORY_ENVIRONMENT_PORT [8082]  MOCKFACTORY_PROVISIONER_PORT [8083]
              MOCKFACTORY_STORAGE_PORT [8084]      MOCKFACTORY_BILLING_PORT [8085]
              MOCKFACTORY_KAFKA_PORT [9092]        MOCKFACTORY_KAFKA_CONTROLLER_PORT [9093]
              MOCKFACTORY_POSTGRES_PORT [15432]    MOCKFACTORY_S3_PORT [4566] (the S3 API)
            State: MOCKFACTORY_HOME [./.mockfactory]
            """;

    public static LaunchOptions parse(String[] args, Map<String, String> env) {
        boolean clean = false;
        boolean help = false;
        String runtime = "local";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clean" -> clean = true;
                case "-h", "--help" -> help = true;
                // The launcher script acts on it before this JVM starts
                case "--no-install" -> { }
                case "--runtime" -> {
                    runtime = i + 1 < args.length ? args[++i] : "";
                    if (!runtime.equals("local") && !runtime.equals("docker")) {
                        throw new IllegalArgumentException("--runtime takes local or docker\n\n" + USAGE);
                    }
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "\n\n" + USAGE);
            }
        }
        Path repoRoot = Path.of(env.getOrDefault("MOCKFACTORY_REPO_ROOT", ".")).toAbsolutePath().normalize();
        Path home = Path.of(env.getOrDefault("MOCKFACTORY_HOME", repoRoot.resolve(".mockfactory").toString()))
                .toAbsolutePath().normalize();
        Map<StackService, Integer> ports = new LinkedHashMap<>();
        for (StackService service : StackService.ALL) {
            ports.put(service, port(env, service.portVariable(), service.defaultPort()));
        }
        return new LaunchOptions(home, repoRoot, clean, help, runtime, port(env, "MOCKFACTORY_KAFKA_PORT", 9092),
                port(env, "MOCKFACTORY_KAFKA_CONTROLLER_PORT", 9093), port(env, "MOCKFACTORY_POSTGRES_PORT", 15432),
                port(env, "MOCKFACTORY_S3_PORT", 4566), Map.copyOf(ports));
    }

    private static int port(Map<String, String> env, String variable, int defaultPort) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + "=" + value + " is not a port number (1-65535)");
        }
    }

    /** Every port the stack binds, named for the message shown when one is taken. */
    public Map<String, Integer> namedPorts() {
        Map<String, Integer> named = new LinkedHashMap<>();
        named.put("Kafka (MOCKFACTORY_KAFKA_PORT)", kafkaPort);
        named.put("Kafka controller (MOCKFACTORY_KAFKA_CONTROLLER_PORT)", kafkaControllerPort);
        named.put("PostgreSQL (MOCKFACTORY_POSTGRES_PORT)", postgresPort);
        named.put("S3 API (MOCKFACTORY_S3_PORT)", s3Port);
        servicePorts.forEach((service, port) -> named.put(service.module() + " (" + service.portVariable() + ")", port));
        return named;
    }
}
