package io.mockfactory.provisioner.pool;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolTargetsTest {
    private static final Map<String, String> DEFAULTS = Map.of("redis", "7", "postgresql", "17");

    @Test
    void shouldResolveTypesWithoutAVersionToTheirDefault() {
        List<PoolTargets.Target> targets = PoolTargets.parse(" redis=2, postgresql:15=1,postgis=2 ,postgresql=0")
                .resolve(type -> Optional.ofNullable(DEFAULTS.get(type)));
        assertEquals(List.of(new PoolTargets.Target("redis", "7", 2), new PoolTargets.Target("postgresql", "15", 1)), targets,
                "postgis has no servable version here and a pool of 0 is no pool");
    }

    @Test
    void shouldTurnOffWhenEmpty() {
        assertTrue(PoolTargets.parse("").entries().isEmpty());
        assertTrue(PoolTargets.parse(null).entries().isEmpty());
    }

    @Test
    void shouldRefuseWhatIsNotACount() {
        assertThrows(IllegalArgumentException.class, () -> PoolTargets.parse("redis"));
        assertThrows(IllegalArgumentException.class, () -> PoolTargets.parse("redis=two"));
        assertThrows(IllegalArgumentException.class, () -> PoolTargets.parse("redis=-1"));
        assertThrows(IllegalArgumentException.class, () -> PoolTargets.parse("redis=65"));
    }
}
