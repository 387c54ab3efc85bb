package io.mockfactory.kit.process;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanRegistration;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.Micronaut;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts a MockFactory service with the defaults every service shares underneath its own {@code application.yml}
 * (which overrides them, as environment variables override both): the local stack's PostgreSQL and Kafka, a small
 * connection pool that fails fast, and bounded request bodies.
 *
 * <p>A service that cannot start because of its deployment (a required secret file is missing, PostgreSQL refuses
 * its credentials: see {@link StartupFailure}) prints one line to stderr and exits with 78 ({@code EX_CONFIG}),
 * rather than logging a stack trace and exiting with 1 as Micronaut does for every other startup error.
 */
public final class ServiceApplication {
    /** sysexits.h EX_CONFIG: the configuration is wrong; restarting will not help. */
    static final int EX_CONFIG = 78;
    /** Lower than application.yml and environment variables, so these are only defaults. */
    private static final int DEFAULTS_PRIORITY = -1000;
    private static final Pattern APPLICATION_NAME = Pattern.compile(
            "(?m)^micronaut:[ \\t]*\\R(?:[ \\t]+.*\\R)*?[ \\t]+application:[ \\t]*\\R[ \\t]+name:[ \\t]*['\"]?([\\w.-]+)");

    private ServiceApplication() {
    }

    public static void run(Class<?> mainClass, String... args) {
        Path secrets = Path.of(System.getenv().getOrDefault("MOCKFACTORY_SECRETS_DIR", "/run/secrets"));
        Optional<String> missing = RequiredSecrets.problem(System.getenv(RequiredSecrets.VARIABLE), secrets);
        if (missing.isPresent()) {
            exitMisconfigured(mainClass, missing.get());
        }
        try {
            launcher(mainClass, secrets, args).start();
        } catch (StartupFailure failure) {
            exitMisconfigured(mainClass, failure.getMessage());
        }
    }

    private static void exitMisconfigured(Class<?> mainClass, String problem) {
        System.err.println("mockfactory: cannot start " + serviceName(mainClass) + ": " + problem);
        System.err.flush();
        System.exit(EX_CONFIG);
    }

    /**
     * Micronaut as every service starts it, minus the exit: a {@link StartupFailure} anywhere in a startup error's
     * cause chain leaves {@code start()} as itself (for {@link #run} to report); any other error is Micronaut's to
     * log and exit on, as before.
     */
    static Micronaut launcher(Class<?> mainClass, Path secrets, String... args) {
        Micronaut micronaut = new Launcher();
        micronaut.args(args)
                .mainClass(mainClass)
                .banner(false)
                .propertySources(PropertySource.of("mockfactory-defaults", defaults(), DEFAULTS_PRIORITY),
                        SecretFiles.from(secrets));
        return micronaut;
    }

    private static final class Launcher extends Micronaut {
        private ApplicationContext context;

        @Override
        protected ApplicationContext newApplicationContext() {
            context = super.newApplicationContext();
            return context;
        }

        @Override
        protected void handleStartupException(Environment environment, Throwable exception) {
            StartupFailure failure = StartupFailure.in(exception);
            if (failure == null) {
                super.handleStartupException(environment, exception);
                return;
            }
            // Micronaut leaves a context that failed to start as it is, and closing it does nothing then: close the
            // connection pools it created, or they go on trying to sign in (until the exit, or in a test JVM forever)
            if (context != null) {
                for (BeanRegistration<DataSource> pool : context.getActiveBeanRegistrations(DataSource.class)) {
                    try {
                        if (pool.bean() instanceof AutoCloseable closeable) {
                            closeable.close();
                        }
                    } catch (Exception e) {
                        failure.addSuppressed(e);
                    }
                }
            }
            throw failure;
        }
    }

    /** micronaut.application.name, read before Micronaut runs so even a failed start can name the service. */
    static String serviceName(Class<?> mainClass) {
        String fromEnvironment = System.getenv("MICRONAUT_APPLICATION_NAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        URL yaml = mainClass.getClassLoader() == null ? null : mainClass.getClassLoader().getResource("application.yml");
        if (yaml != null) {
            try (InputStream in = yaml.openStream()) {
                Optional<String> name = applicationName(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (name.isPresent()) {
                    return name.get();
                }
            } catch (IOException e) {
                // fall through to the package name: a name is only for the message
            }
        }
        return mainClass.getPackageName().isEmpty() ? mainClass.getSimpleName() : mainClass.getPackageName();
    }

    static Optional<String> applicationName(String applicationYaml) {
        Matcher name = APPLICATION_NAME.matcher(applicationYaml);
        return name.find() ? Optional.of(name.group(1)) : Optional.empty();
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
                // The pool does not try a connection when it is created: SchemaMigrator's first one waits for a
                // PostgreSQL that is still starting and names the problem when it refuses this service
                Map.entry("datasources.default.initialization-fail-timeout", -1),
                Map.entry("kafka.bootstrap-servers", "localhost:9092"),
                Map.entry("micronaut.server.max-request-size", "1MB"),
                Map.entry("micronaut.server.idle-timeout", "60s"),
                Map.entry("micronaut.server.netty.server-header", "MockFactory"),
                Map.entry("micronaut.metrics.enabled", true),
                Map.entry("micronaut.metrics.export.prometheus.enabled", true),
                Map.entry("micronaut.metrics.export.prometheus.descriptions", true));
    }
}
