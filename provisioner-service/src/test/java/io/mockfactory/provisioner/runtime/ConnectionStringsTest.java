package io.mockfactory.provisioner.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The credential fields CONTRACT.md promises per service type, and masking everywhere else. */
class ConnectionStringsTest {
    private static final String PASSWORD = "Z9qEVJHJgQFU8XWmhvCqMPYgQQK3CdDV";

    @Test
    void shouldGiveEveryPostgresFlavourUrlHostPortUsernamePasswordAndDatabase() {
        for (String service : List.of("postgresql", "postgresql_pgvector", "postgis")) {
            Map<String, Object> credentials = ConnectionStrings.credentials(service, 30002, PASSWORD);
            assertEquals("postgresql://postgres:" + PASSWORD + "@localhost:30002/testdb", credentials.get("url"), service);
            assertEquals("localhost", credentials.get("host"), service);
            assertEquals(30002, credentials.get("port"), service);
            assertEquals("postgres", credentials.get("username"), service);
            assertEquals(PASSWORD, credentials.get("password"), service);
            assertEquals("testdb", credentials.get("database"), service);
            assertEquals("postgresql://postgres:*****@localhost:30002/testdb", ConnectionStrings.masked(service, 30002), service);
        }
    }

    @Test
    void shouldGiveRedisAUrlWithItsPassword() {
        Map<String, Object> credentials = ConnectionStrings.credentials("redis", 30001, PASSWORD);
        assertEquals("redis://default:" + PASSWORD + "@localhost:30001", credentials.get("url"));
        assertEquals("default", credentials.get("username"));
        assertEquals(PASSWORD, credentials.get("password"));
        assertEquals("redis://default:*****@localhost:30001", ConnectionStrings.masked("redis", 30001));
    }

    @Test
    void shouldGiveElasticMqAnEndpointRegionAndAnAwsShapedKeyPair() {
        Map<String, Object> credentials = ConnectionStrings.credentials("elasticmq", 30005, PASSWORD);
        assertEquals("http://localhost:30005", credentials.get("endpoint"));
        assertEquals("us-east-1", credentials.get("region"));
        assertTrue(credentials.get("access_key_id").toString().matches("AKIA[A-Z2-7]{16}"), credentials.toString());
        assertEquals(PASSWORD, credentials.get("secret_access_key"));
        assertFalse(ConnectionStrings.masked("elasticmq", 30005).contains(PASSWORD));
    }
}
