package io.mockfactory.client.environment;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SeedTextTest {

    @Test
    void shouldReadEachTypesSeedFile() {
        assertEquals(Map.of("sql", "CREATE TABLE t (id int);\n"), SeedText.parse("postgis", "CREATE TABLE t (id int);\n"));
        assertEquals(Map.of("commands", List.of("SET greeting \"hello world\"", "RPUSH jobs a b")),
                SeedText.parse("redis", "# the cache\nSET greeting \"hello world\"\n\n  RPUSH jobs a b  \n"));
        assertEquals(Map.of("queues", List.of(Map.of("name", "jobs", "messages", List.of("first one", "second")),
                        Map.of("name", "empty", "messages", List.of()))),
                SeedText.parse("elasticmq", "jobs first one\nempty\njobs second\n"));
    }

    @Test
    void shouldRefuseATypeThatTakesNoSeedFile() {
        assertThrows(IllegalArgumentException.class, () -> SeedText.parse("aws_s3", "x"));
    }

    @Test
    void shouldPutTheSeedBesideTheServicesVersion() {
        Map<String, Object> body = EnvironmentSpec.named("ci").service("postgresql", "16").seedSql("postgresql", "SELECT 1")
                .seedRedis(List.of(List.of("SET", "k", "v"))).body();
        assertEquals(Map.of("postgresql", Map.of("version", "16", "seed", Map.of("sql", "SELECT 1")),
                "redis", Map.of("seed", Map.of("commands", List.of(List.of("SET", "k", "v"))))), body.get("services"));
    }
}
