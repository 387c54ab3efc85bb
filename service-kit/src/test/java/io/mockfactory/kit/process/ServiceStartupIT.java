package io.mockfactory.kit.process;

import io.micronaut.context.ApplicationContext;
import io.mockfactory.localstack.PostgresServer;
import io.mockfactory.localstack.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The way every service starts, minus the exit: a database that refuses the service reaches {@link ServiceApplication}
 * as a {@link StartupFailure} (which run() prints as one line, exiting 78), not as Micronaut's logged stack trace
 * and exit(1); and the JVM survives it, so tests can start contexts.
 */
class ServiceStartupIT {

    @Test
    void shouldHandARefusedDatabaseBackAsOneStartupFailure(@TempDir Path secrets) {
        SharedInfrastructure infra = SharedInfrastructure.get();
        String url = infra.postgres().jdbcUrl("no_such_database");
        Map<String, Object> props = new HashMap<>(infra.serviceProperties("startup_check"));
        props.put("datasources.default.url", url);
        props.put("mockfactory.kafka.create-topics", "false");
        props.put("micronaut.server.port", -1);

        StartupFailure failure = assertThrows(StartupFailure.class, () -> {
            try (ApplicationContext context = ServiceApplication.launcher(ServiceStartupIT.class, secrets)
                    .properties(props).start()) {
                throw new AssertionError("started against a database that does not exist: " + context);
            }
        });

        assertEquals("cannot sign in to PostgreSQL at " + url + " as role " + PostgresServer.USER
                + ": the database does not exist; check datasources.default.url and that the deployment created it",
                failure.getMessage());
    }
}
