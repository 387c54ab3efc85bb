package io.mockfactory.events.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every service type an environment can ask for: its wire name, the service that owns its instances, the versions
 * MockFactory knows how to run (newest first) and what it is. Which of them a deployment can serve right now is the
 * owner's to say (its runtimes report availability); this is the vocabulary they all share.
 */
public enum ServiceType {
    REDIS("redis", Owner.PROVISIONER, List.of("7", "6.2"),
            "Redis with a generated password; user default"),
    POSTGRESQL("postgresql", Owner.PROVISIONER, List.of("17", "16", "15"),
            "PostgreSQL, its own cluster; user postgres, database testdb, scram-sha-256"),
    POSTGRESQL_PGVECTOR("postgresql_pgvector", Owner.PROVISIONER, List.of("15"),
            "PostgreSQL with the pgvector extension (0.8) created in testdb; user postgres, scram-sha-256"),
    POSTGIS("postgis", Owner.PROVISIONER, List.of("3.3"),
            "PostgreSQL 15 with the PostGIS extension created in testdb; user postgres, scram-sha-256"),
    ELASTICMQ("elasticmq", Owner.PROVISIONER, List.of("1.7"),
            "The SQS API (ElasticMQ 1.7); queues and messages survive stop and start. Any signature is accepted: the key"
                    + " pair only satisfies SDKs"),
    AWS_S3("aws_s3", Owner.STORAGE, List.of("2006-03-01"),
            "An S3 endpoint (SigV4, presigned URLs, multipart) with the environment's own key pair; option: region"
                    + " (default us-east-1)");

    /** The service that runs a type's instances and answers for its availability. */
    public enum Owner {
        PROVISIONER, STORAGE
    }

    private final String wireName;
    private final Owner owner;
    private final List<String> versions;
    private final String description;

    ServiceType(String wireName, Owner owner, List<String> versions, String description) {
        this.wireName = wireName;
        this.owner = owner;
        this.versions = versions;
        this.description = description;
    }

    public String wireName() {
        return wireName;
    }

    public Owner owner() {
        return owner;
    }

    /** Newest first. */
    public List<String> versions() {
        return versions;
    }

    public String description() {
        return description;
    }

    public static Optional<ServiceType> of(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }
}
