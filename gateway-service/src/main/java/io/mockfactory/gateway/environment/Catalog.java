package io.mockfactory.gateway.environment;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service types and versions an environment can ask for. Only what this installation can really run is listed:
 * a type that is not here is refused at the edge with 422 instead of failing later.
 */
@Singleton
public class Catalog {
    public static final String LATEST = "latest";

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ServiceType(String type, String description, List<String> versions, String defaultVersion) {
    }

    private final Map<String, ServiceType> types = Map.of(
            "redis", new ServiceType("redis", "Redis with a generated password (requirepass)", List.of("7"), "7"),
            "postgresql", new ServiceType("postgresql", "PostgreSQL, its own cluster; user postgres, database testdb,"
                    + " scram-sha-256", List.of("15"), "15"),
            "postgresql_pgvector", new ServiceType("postgresql_pgvector", "PostgreSQL 15 with the pgvector extension"
                    + " (0.8) created in testdb; user postgres, scram-sha-256", List.of("15"), "15"),
            "elasticmq", new ServiceType("elasticmq", "The SQS API (ElasticMQ 1.7); queues and messages survive stop and"
                    + " start. Any signature is accepted: the key pair only satisfies SDKs", List.of("1.7"), "1.7"),
            "postgis", new ServiceType("postgis", "PostgreSQL 15 with the PostGIS extension created in testdb",
                    List.of("3.3"), "3.3"),
            "aws_s3", new ServiceType("aws_s3", "An S3 endpoint (SigV4, presigned URLs, multipart) with the environment's"
                    + " own key pair; option: region (default us-east-1)", List.of("2006-03-01"), "2006-03-01"));

    public List<ServiceType> all() {
        return types.values().stream().sorted((a, b) -> a.type().compareTo(b.type())).toList();
    }

    public Optional<ServiceType> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /** @return the concrete version for a requested one ({@code null} and {@code latest} mean the newest), if allowed */
    public Optional<String> resolve(ServiceType type, String requested) {
        if (requested == null || requested.isBlank() || LATEST.equals(requested)) {
            return Optional.of(type.defaultVersion());
        }
        return type.versions().contains(requested) ? Optional.of(requested) : Optional.empty();
    }
}
