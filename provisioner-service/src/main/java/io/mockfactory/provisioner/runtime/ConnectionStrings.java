package io.mockfactory.provisioner.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import io.mockfactory.internal.credentials.ServiceCredentials;

import java.util.Set;

/** How each service type is reached: the masked endpoint shown everywhere, and the full credentials shown once. */
public final class ConnectionStrings {
    public static final String HOST = "localhost";
    public static final String MASK = "*****";
    static final String POSTGRES_USER = "postgres";
    static final String POSTGRES_DATABASE = "testdb";
    static final String SQS_REGION = "us-east-1";
    /**
     * Redis 6+'s user for password-only auth. Naming it in the URL matters: redis-cli 7.0 reads {@code redis://:PASS@}
     * as user "" and fails with WRONGPASS, while {@code redis://default:PASS@} works with it and every client library.
     */
    static final String REDIS_USER = "default";
    /** Every PostgreSQL flavour: one user, one database, the same credential fields. */
    private static final Set<String> POSTGRES_TYPES = Set.of("postgresql", "postgresql_pgvector", "postgis");

    private ConnectionStrings() {
    }

    public static String masked(String service, int port) {
        return url(service, port, MASK);
    }

    public static ServiceCredentials credentials(String service, int port, String password) {
        String url = url(service, port, password);
        if (service.equals(ElasticMqRecipe.SERVICE)) {
            // ElasticMQ accepts any signature: the pair is what SDKs require to sign at all, not a lock
            return new ServiceCredentials(url, url, HOST, port, null, null, null, SQS_REGION, accessKeyId(password), password);
        }
        if (POSTGRES_TYPES.contains(service)) {
            return new ServiceCredentials(url, null, HOST, port, POSTGRES_USER, password, POSTGRES_DATABASE, null, null, null);
        }
        return new ServiceCredentials(url, null, HOST, port, REDIS_USER, password, null, null, null, null);
    }

    /** An AWS-shaped key id derived one-way from the secret, so nothing more needs storing. */
    private static String accessKeyId(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder("AKIA");
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            for (int i = 0; i < 16; i++) {
                id.append(alphabet.charAt((digest[i] & 0xff) % alphabet.length()));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String url(String service, int port, String password) {
        if (POSTGRES_TYPES.contains(service)) {
            return "postgresql://" + POSTGRES_USER + ":" + password + "@" + HOST + ":" + port + "/" + POSTGRES_DATABASE;
        }
        return switch (service) {
            case "redis" -> "redis://" + REDIS_USER + ":" + password + "@" + HOST + ":" + port;
            case ElasticMqRecipe.SERVICE -> "http://" + HOST + ":" + port;
            default -> throw new IllegalArgumentException("No connection string for " + service);
        };
    }
}
