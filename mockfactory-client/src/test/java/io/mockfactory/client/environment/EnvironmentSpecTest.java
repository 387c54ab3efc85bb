package io.mockfactory.client.environment;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request a spec makes, above all one made from a snapshot: the API refuses any {@code services} beside it. */
class EnvironmentSpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldSendFromSnapshotWithoutAnyServicesKey() throws Exception {
        EnvironmentSpec spec = EnvironmentSpec.named("branch").fromSnapshot("snap_AAAAAAAAAAAAAAAAAAAAAA").ttlMinutes(30);

        assertEquals("{\"name\":\"branch\",\"from_snapshot\":\"snap_AAAAAAAAAAAAAAAAAAAAAA\",\"ttl_minutes\":30}",
                JSON.writeValueAsString(spec.body()));
        assertEquals("snap_AAAAAAAAAAAAAAAAAAAAAA", spec.snapshotId());
        assertEquals(Map.of("name", "branch", "from_snapshot", "snap_x"),
                EnvironmentSpec.named("branch").fromSnapshot(" snap_x ").body(), "no ttl_minutes unless given");
    }

    @Test
    void shouldSendServicesAndNoSnapshotOtherwise() {
        Map<String, Object> body = EnvironmentSpec.named("plain").service("redis").body();
        assertEquals(Map.of("name", "plain", "services", Map.of("redis", Map.of())), body);
    }

    @Test
    void shouldRefuseServicesOptionsAndSeedsAfterASnapshot() {
        EnvironmentSpec spec = EnvironmentSpec.named("branch").fromSnapshot("snap_x");
        IllegalStateException service = assertThrows(IllegalStateException.class, () -> spec.service("redis"));
        assertTrue(service.getMessage().contains("snap_x") && service.getMessage().contains("service redis"),
                service.getMessage());
        assertThrows(IllegalStateException.class, () -> spec.service("postgresql", "16"));
        assertThrows(IllegalStateException.class, () -> spec.serviceNotation("redis:7"));
        assertThrows(IllegalStateException.class, () -> spec.option("aws_s3", "region", "eu-west-1"));
        assertThrows(IllegalStateException.class, () -> spec.seedRedis(List.of("SET k v")));
        assertThrows(IllegalStateException.class, () -> spec.seedSql("postgresql", "SELECT 1"));
        assertThrows(IllegalStateException.class, () -> spec.seedText("redis", "SET k v"));
        assertEquals(Map.of("name", "branch", "from_snapshot", "snap_x"), spec.body(), "the refusals changed nothing");
    }

    @Test
    void shouldRefuseASnapshotAfterServicesOrWithoutAnId() {
        IllegalStateException late = assertThrows(IllegalStateException.class,
                () -> EnvironmentSpec.named("mixed").service("redis").fromSnapshot("snap_x"));
        assertTrue(late.getMessage().contains("[redis]"), late.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EnvironmentSpec.named("none").fromSnapshot(" "));
        assertThrows(IllegalArgumentException.class, () -> EnvironmentSpec.named("none").fromSnapshot(null));
    }
}
