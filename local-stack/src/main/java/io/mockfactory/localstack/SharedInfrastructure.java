package io.mockfactory.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One real Kafka broker and one real PostgreSQL per test JVM, started on first use and stopped when the JVM exits.
 * Tests isolate themselves by schema (each service owns one anyway) and by consumer group or topic.
 */
public final class SharedInfrastructure {
    private static SharedInfrastructure instance;

    private final Path root;
    private final KafkaBroker kafka;
    private final PostgresServer postgres;

    private SharedInfrastructure(Path root, KafkaBroker kafka, PostgresServer postgres) {
        this.root = root;
        this.kafka = kafka;
        this.postgres = postgres;
    }

    public static synchronized SharedInfrastructure get() {
        if (instance == null) {
            instance = startNew();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "shared-infrastructure-stop"));
        }
        return instance;
    }

    private static SharedInfrastructure startNew() {
        try {
            Path root = Files.createTempDirectory("mockfactory-test-infra");
            PostgresServer postgres = PostgresServer.start(root.resolve("postgres"), FreePorts.pick(), true);
            KafkaBroker kafka = new KafkaBroker(root.resolve("kafka"), FreePorts.pick(), FreePorts.pick());
            kafka.start();
            return new SharedInfrastructure(root, kafka, postgres);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** The settings a MockFactory service needs to run on this infrastructure with its own schema. */
    public Map<String, Object> serviceProperties(String schema) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("datasources.default.url", postgres.jdbcUrl());
        props.put("datasources.default.username", PostgresServer.USER);
        props.put("datasources.default.password", "");
        props.put("datasources.default.schema", schema);
        props.put("mockfactory.db.schema", schema);
        props.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        return props;
    }

    private void stop() {
        kafka.stop();
        postgres.close();
        deleteQuietly(root);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless; the JVM is exiting
        }
    }
}
