package io.mockfactory.provisioner.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;
import io.mockfactory.internal.credentials.ServiceCredentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The credential fields CONTRACT.md promises per service type, and masking everywhere else. */
class ConnectionStringsTest {
    private static final String PASSWORD = "Z9qEVJHJgQFU8XWmhvCqMPYgQQK3CdDV";

    @Test
    void shouldGiveEveryPostgresFlavourUrlHostPortUsernamePasswordAndDatabase() {
        for (String service : List.of("postgresql", "postgresql_pgvector", "postgis")) {
            ServiceCredentials credentials = ConnectionStrings.credentials(service, 30002, PASSWORD);
            assertEquals("postgresql://postgres:" + PASSWORD + "@localhost:30002/testdb", credentials.url(), service);
            assertEquals("localhost", credentials.host(), service);
            assertEquals(30002, credentials.port(), service);
            assertEquals("postgres", credentials.username(), service);
            assertEquals(PASSWORD, credentials.password(), service);
            assertEquals("testdb", credentials.database(), service);
            assertEquals("postgresql://postgres:*****@localhost:30002/testdb", ConnectionStrings.masked(service, 30002), service);
        }
    }

    @Test
    void shouldGiveRedisAUrlWithItsPassword() {
        ServiceCredentials credentials = ConnectionStrings.credentials("redis", 30001, PASSWORD);
        assertEquals("redis://default:" + PASSWORD + "@localhost:30001", credentials.url());
        assertEquals("default", credentials.username());
        assertEquals(PASSWORD, credentials.password());
        assertEquals("redis://default:*****@localhost:30001", ConnectionStrings.masked("redis", 30001));
    }

    @Test
    void shouldGiveElasticMqAnEndpointRegionAndAnAwsShapedKeyPair() {
        ServiceCredentials credentials = ConnectionStrings.credentials("elasticmq", 30005, PASSWORD);
        assertEquals("http://localhost:30005", credentials.endpoint());
        assertEquals("us-east-1", credentials.region());
        assertTrue(credentials.accessKeyId().toString().matches("AKIA[A-Z2-7]{16}"), credentials.toString());
        assertEquals(PASSWORD, credentials.secretAccessKey());
        assertFalse(ConnectionStrings.masked("elasticmq", 30005).contains(PASSWORD));
    }
}
