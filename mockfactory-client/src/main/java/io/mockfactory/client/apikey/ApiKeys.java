package io.mockfactory.client.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockfactory.client.http.ApiTransport;
import io.mockfactory.client.http.ApiTransport.Repeatable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The caller's API keys. */
public final class ApiKeys {
    private final ApiTransport transport;

    public ApiKeys(ApiTransport transport) {
        this.transport = transport;
    }

    /** @return the new key ({@code mf_…}): the only time the API shows it */
    public String create(String name) {
        // Not repeated after a lost connection: a second call would make a second key
        JsonNode created = transport.send("POST", "/api/v1/api-keys", Map.of("name", name), Map.of(),
                Repeatable.ONLY_IF_REFUSED);
        return created.path("key").asText();
    }

    /** Every live key, newest first (all pages). */
    public List<ApiKey> list() {
        List<ApiKey> keys = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = transport.get("/api/v1/api-keys?limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
            page.path("items").forEach(item -> keys.add(new ApiKey(item)));
            cursor = page.path("next_cursor").asText(null);
        } while (cursor != null);
        return keys;
    }

    public void revoke(String id) {
        transport.send("DELETE", "/api/v1/api-keys/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8),
                null, Map.of(), Repeatable.YES);
    }
}
