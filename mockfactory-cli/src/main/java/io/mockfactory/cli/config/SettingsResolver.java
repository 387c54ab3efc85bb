package io.mockfactory.cli.config;

import io.mockfactory.client.http.ClientSettings;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where and as whom the CLI calls: {@code --url}/{@code --api-key}, else the system properties and
 * {@code MOCKFACTORY_URL}/{@code MOCKFACTORY_API_KEY} (in {@link ClientSettings#resolve}'s order), else the stored
 * login, else {@code http://localhost:8080} with no key.
 */
public final class SettingsResolver {
    private SettingsResolver() {
    }

    public static ClientSettings resolve(String url, String apiKey, Map<String, String> environment,
                                         Optional<StoredLogin> stored) {
        Map<String, String> withLogin = new HashMap<>(environment);
        stored.ifPresent(login -> {
            // The stored URL ranks below the variable, as the last source before the default
            if (isBlank(withLogin.get("MOCKFACTORY_URL"))) {
                withLogin.put("MOCKFACTORY_URL", login.url());
            }
        });
        ClientSettings settings = ClientSettings.resolve(url, apiKey, withLogin);
        // The stored key only ever goes to the server it was stored for, never to another one a --url names
        if (!settings.hasCredential() && stored.isPresent() && !isBlank(stored.get().apiKey())
                && sameServer(settings, stored.get())) {
            return settings.withCredential(stored.get().apiKey());
        }
        return settings;
    }

    private static boolean sameServer(ClientSettings settings, StoredLogin login) {
        return ClientSettings.of(login.url(), null, Duration.ZERO).baseUrl().equals(settings.baseUrl());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
