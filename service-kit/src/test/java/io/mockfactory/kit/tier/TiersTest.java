package io.mockfactory.kit.tier;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TiersTest {
    @Test
    void shouldTreatAnUnknownOrMissingTierAsTheDefault() {
        // Only the environment (property sources) is started: Tiers reads properties, no bean is needed
        try (ApplicationContext context = ApplicationContext.builder().properties(Map.of(
                "mockfactory.tiers.professional.requests-per-minute", "999")).build()) {
            Tiers tiers = new Tiers(context.getEnvironment().start());
            assertEquals("beginner", tiers.effective(null));
            assertEquals("beginner", tiers.effective("platinum"));
            assertEquals("professional", tiers.effective("Professional"));
            assertEquals(999, tiers.effectiveLimits("professional").requestsPerMinute());
            assertEquals(tiers.effectiveLimits("beginner"), tiers.effectiveLimits(null));
        }
    }
}
