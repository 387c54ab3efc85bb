package io.mockfactory.kit.process;

import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.Micronaut;

import java.nio.file.Path;
import java.util.Map;

/**
 * Starts a MockFactory service with the defaults every service shares underneath its own {@code application.yml}
 * (which overrides them, as environment variables override both): the local stack's PostgreSQL and Kafka, a small
 * connection pool that fails fast, and bounded request bodies.
 */
public final class ServiceApplication {
    /** Lower than application.yml and environment variables, so these are only defaults. */
    private static final int DEFAULTS_PRIORITY = -1000;

    private ServiceApplication() {
    }

    public static void run(Class<?> mainClass, String... args) {
        Micronaut.build(args)
                .mainClass(mainClass)
                .banner(false)
                .propertySources(PropertySource.of("mockfactory-defaults", defaults(), DEFAULTS_PRIORITY),
                        SecretFiles.from(Path.of(System.getenv().getOrDefault("MOCKFACTORY_SECRETS_DIR", "/run/secrets"))))
                .start();
    }

    static Map<String, Object> defaults() {
        return Map.ofEntries(
                Map.entry("datasources.default.url", "jdbc:postgresql://localhost:15432/mockfactory"),
                Map.entry("datasources.default.username", "postgres"),
                Map.entry("datasources.default.password", ""),
                Map.entry("datasources.default.driver-class-name", "org.postgresql.Driver"),
                Map.entry("datasources.default.schema", "${mockfactory.db.schema}"),
                Map.entry("datasources.default.maximum-pool-size", 10),
                Map.entry("datasources.default.minimum-idle", 2),
                Map.entry("datasources.default.connection-timeout", 5000),
                Map.entry("kafka.bootstrap-servers", "localhost:9092"),
                Map.entry("micronaut.server.max-request-size", "1MB"),
                Map.entry("micronaut.server.idle-timeout", "60s"),
                Map.entry("micronaut.server.netty.server-header", "MockFactory"),
                Map.entry("micronaut.metrics.enabled", true),
                Map.entry("micronaut.metrics.export.prometheus.enabled", true),
                Map.entry("micronaut.metrics.export.prometheus.descriptions", true));
    }
}
