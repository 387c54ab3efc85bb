package io.mockfactory.e2e;

import io.mockfactory.events.EventIds;
import io.mockfactory.localstack.PostgresServer;
import io.mockfactory.localstack.SharedInfrastructure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The environment a service process needs to join the test JVM's Kafka and PostgreSQL, as the launcher gives it. */
final class ServiceSettings {
    private ServiceSettings() {
    }

    static Map<String, String> on(SharedInfrastructure infra) {
        Map<String, String> env = new HashMap<>();
        env.put("DATASOURCES_DEFAULT_URL", infra.postgres().jdbcUrl());
        env.put("DATASOURCES_DEFAULT_USERNAME", PostgresServer.USER);
        env.put("DATASOURCES_DEFAULT_PASSWORD", "");
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafka().bootstrapServers());
        env.put("MOCKFACTORY_PROVISIONER_LOCAL_ELASTICMQ_LIB",
                ServiceJars.repoRoot().resolve("elasticmq-runtime").resolve("target").resolve("lib").toString());
        env.put("MOCKFACTORY_PROVISIONER_LOCAL_RUNTIME_ARCHIVES",
                ServiceJars.repoRoot().resolve("instance-runtimes").resolve("target").resolve("archives").toString());
        return env;
    }

    /** Adds a secrets directory holding a fresh internal token; @return the token, for the in-process gateway */
    static String withInternalToken(Map<String, String> env, Path secrets) throws IOException {
        String token = EventIds.newId("itk");
        Files.createDirectories(secrets);
        Files.writeString(secrets.resolve("mockfactory.internal.token"), token);
        env.put("MOCKFACTORY_SECRETS_DIR", secrets.toString());
        return token;
    }
}
