package io.mockfactory.gateway.command;

import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.command.CreateEnvironment;
import org.junit.jupiter.api.Test;

import io.mockfactory.events.seed.ServiceSeed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class CreateFingerprintTest {
    private static CreateEnvironment create(String name, Integer ttl, String tier, String... typesAndVersions) {
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        for (int i = 0; i < typesAndVersions.length; i += 2) {
            services.put(typesAndVersions[i], new ServiceSpec(typesAndVersions[i + 1], Map.of()));
        }
        return new CreateEnvironment(name, services, ttl, tier);
    }

    @Test
    void shouldMatchTheSameRequestInAnyOrderAndAnyTier() {
        assertEquals(CreateFingerprint.of(create("ci", 30, "beginner", "redis", "7", "aws_s3", "2006-03-01")),
                CreateFingerprint.of(create("ci", 30, "professional", "aws_s3", "2006-03-01", "redis", "7")));
    }

    @Test
    void shouldMatchACloneOrSnapshotRetryAndNothingElse() {
        CreateEnvironment clone = new CreateEnvironment("copy", Map.of("redis", new ServiceSpec("7", Map.of())), 30,
                "beginner", Map.of(), "snap_AAAAAAAAAAAAAAAAAAAAAA");
        CreateEnvironment retry = new CreateEnvironment("copy", Map.of("redis", new ServiceSpec("7", Map.of())), 30,
                "beginner", Map.of(), "snap_BBBBBBBBBBBBBBBBBBBBBB");
        assertEquals(CreateFingerprint.ofClone("env_a", clone), CreateFingerprint.ofClone("env_a", retry),
                "each request's own snapshot id is not part of what it asked for");
        assertNotEquals(CreateFingerprint.ofClone("env_a", clone), CreateFingerprint.ofClone("env_b", clone));
        assertNotEquals(CreateFingerprint.ofClone("env_a", clone), CreateFingerprint.ofClone("env_a",
                create("other", 30, "beginner", "redis", "7")));
        assertEquals(CreateFingerprint.ofSnapshot("env_a", "s"), CreateFingerprint.ofSnapshot("env_a", "s"));
        assertNotEquals(CreateFingerprint.ofSnapshot("env_a", "s"), CreateFingerprint.ofSnapshot("env_a", "t"));
        assertNotEquals(CreateFingerprint.ofSnapshot("env_a", "s"), CreateFingerprint.ofSnapshot("env_b", "s"));
    }

    @Test
    void shouldTellApartRequestsThatAskForSomethingElse() {
        String base = CreateFingerprint.of(create("ci", 30, "beginner", "redis", "7"));
        assertNotEquals(base, CreateFingerprint.of(create("cd", 30, "beginner", "redis", "7")));
        assertNotEquals(base, CreateFingerprint.of(create("ci", null, "beginner", "redis", "7")));
        assertNotEquals(base, CreateFingerprint.of(create("ci", 30, "beginner", "postgresql", "15")));
        assertNotEquals(base, CreateFingerprint.of(new CreateEnvironment("ci", Map.of("redis",
                new ServiceSpec("7", Map.of("region", "eu-west-1"))), 30, "beginner")));
    }

    /** A retry with the same key and another seed would otherwise be handed the first environment's data. */
    @Test
    void shouldTellApartRequestsWithDifferentSeeds() {
        Map<String, ServiceSpec> redis = Map.of("redis", new ServiceSpec("7", Map.of()));
        String unseeded = CreateFingerprint.of(new CreateEnvironment("ci", redis, 30, "beginner"));
        String seeded = CreateFingerprint.of(new CreateEnvironment("ci", redis, 30, "beginner",
                Map.of("redis", ServiceSeed.ofCommands(List.of(List.of("SET", "k", "v"))))));
        assertNotEquals(unseeded, seeded);
        assertNotEquals(seeded, CreateFingerprint.of(new CreateEnvironment("ci", redis, 30, "beginner",
                Map.of("redis", ServiceSeed.ofCommands(List.of(List.of("SET", "k", "w")))))));
        assertEquals(seeded, CreateFingerprint.of(new CreateEnvironment("ci", redis, 30, "professional",
                Map.of("redis", ServiceSeed.ofCommands(List.of(List.of("SET", "k", "v")))))));
    }
}
