package io.mockfactory.cli.config;

import io.mockfactory.client.http.ClientSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SettingsResolverTest {
    private static final Optional<StoredLogin> STORED = Optional.of(new StoredLogin("http://stored:8080", "mf_stored"));
    private static final Map<String, String> VARIABLES = Map.of("MOCKFACTORY_URL", "http://variable:8080",
            "MOCKFACTORY_API_KEY", "mf_variable");

    @Test
    void shouldPreferTheOptionsToTheVariablesToTheStoredLogin() {
        assertSettings("http://option:8080", "mf_option",
                SettingsResolver.resolve("http://option:8080", "mf_option", VARIABLES, STORED));
        assertSettings("http://variable:8080", "mf_variable", SettingsResolver.resolve(null, null, VARIABLES, STORED));
        assertSettings("http://stored:8080", "mf_stored", SettingsResolver.resolve(null, null, Map.of(), STORED));
        assertSettings("http://localhost:8080", null, SettingsResolver.resolve(null, null, Map.of(), Optional.empty()));
    }

    @Test
    void shouldMixSourcesPerValue() {
        assertSettings("http://stored:8080", "mf_option", SettingsResolver.resolve(null, "mf_option", Map.of(), STORED));
        assertSettings("http://stored:8080", "mf_variable",
                SettingsResolver.resolve(null, null, Map.of("MOCKFACTORY_API_KEY", "mf_variable"), STORED));
    }

    @Test
    void shouldSendTheStoredKeyOnlyToTheServerItWasStoredFor() {
        assertNull(SettingsResolver.resolve("http://other:8080", null, Map.of(), STORED).credential());
        assertNull(SettingsResolver.resolve(null, null, Map.of("MOCKFACTORY_URL", "http://other:8080"), STORED).credential());
        assertSettings("http://stored:8080", "mf_stored",
                SettingsResolver.resolve("http://stored:8080/", null, Map.of(), STORED));
    }

    @Test
    void shouldPreferSystemPropertiesToVariables() {
        System.setProperty("mockfactory.url", "http://property:8080");
        try {
            assertSettings("http://property:8080", "mf_variable", SettingsResolver.resolve(null, null, VARIABLES, STORED));
        } finally {
            System.clearProperty("mockfactory.url");
        }
    }

    private static void assertSettings(String url, String key, ClientSettings settings) {
        assertEquals(url, settings.baseUrl().toString());
        assertEquals(key, settings.credential());
    }
}
