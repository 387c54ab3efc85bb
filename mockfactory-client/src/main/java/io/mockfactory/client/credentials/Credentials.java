package io.mockfactory.client.credentials;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/** Every service's real credentials of one environment, typed by what the service speaks. */
public final class Credentials {
    private final Map<String, ServiceCredentials> byType;

    private Credentials(Map<String, ServiceCredentials> byType) {
        this.byType = Collections.unmodifiableMap(byType);
    }

    /** @param node the API's {@code {"services":{type:{…}}}} */
    public static Credentials from(JsonNode node) {
        Map<String, ServiceCredentials> byType = new LinkedHashMap<>();
        node.path("services").fields().forEachRemaining(entry -> byType.put(entry.getKey(), typed(entry.getKey(), entry.getValue())));
        return new Credentials(byType);
    }

    private static ServiceCredentials typed(String type, JsonNode fields) {
        switch (type) {
            case "redis":
                return new RedisCredentials(type, fields);
            case "postgresql":
            case "postgresql_pgvector":
            case "postgis":
                return new PostgresCredentials(type, fields);
            case "aws_s3":
                return new S3Credentials(type, fields);
            case "elasticmq":
                return new SqsCredentials(type, fields);
            default:
                return new OtherCredentials(type, fields);
        }
    }

    public Map<String, ServiceCredentials> all() {
        return byType;
    }

    /** @return the service's credentials as {@code kind} (e.g. {@code S3Credentials.class}) */
    public <T extends ServiceCredentials> T of(String type, Class<T> kind) {
        ServiceCredentials credentials = byType.get(type);
        if (credentials == null) {
            throw new NoSuchElementException("The environment has no " + type + " service; it has " + byType.keySet());
        }
        if (!kind.isInstance(credentials)) {
            throw new IllegalArgumentException(type + " credentials are " + credentials.getClass().getSimpleName()
                    + ", not " + kind.getSimpleName());
        }
        return kind.cast(credentials);
    }

    public RedisCredentials redis() {
        return of("redis", RedisCredentials.class);
    }

    /** @param type postgresql, postgresql_pgvector or postgis */
    public PostgresCredentials postgres(String type) {
        return of(type, PostgresCredentials.class);
    }

    public S3Credentials s3() {
        return of("aws_s3", S3Credentials.class);
    }

    public SqsCredentials sqs() {
        return of("elasticmq", SqsCredentials.class);
    }

    @Override
    public String toString() {
        return byType.values().toString();
    }

    /** A type this client version does not know yet: its fields are still readable by name. */
    public static final class OtherCredentials extends ServiceCredentials {
        OtherCredentials(String type, JsonNode fields) {
            super(type, fields);
        }

        public String field(String name) {
            return text(name);
        }

        @Override
        public String address() {
            String endpoint = text("endpoint");
            return endpoint != null ? endpoint : text("host") + ":" + fields.path("port").asText();
        }
    }
}
