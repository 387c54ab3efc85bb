package io.mockfactory.e2e;

import io.mockfactory.events.EventIds;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A registered user of the shared stack with a JWT and an API key, and the checks that it is still served normally. */
record Tenant(String email, String password, String bearer, String apiKey) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Tenant register(String baseUrl, String label) throws Exception {
        String email = label + "-" + EventIds.newId("t").substring(2, 12).toLowerCase() + "@example.com";
        String password = "correct-Horse-battery-9-" + label;
        HttpResponse<String> registered = send(baseUrl, "POST", "/api/v1/auth/register", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"full_name\":\"" + label + "\"}");
        assertEquals(201, registered.statusCode(), registered.body());
        String bearer = "Bearer " + Json.field(registered.body(), "access_token");
        HttpResponse<String> key = send(baseUrl, "POST", "/api/v1/api-keys", bearer, "{\"name\":\"" + label + "\"}");
        assertEquals(201, key.statusCode(), key.body());
        return new Tenant(email, password, bearer, Json.field(key.body(), "key"));
    }

    /** Everything a tenant's secrets look like on the wire: none may appear in another's answers. */
    List<String> secrets() {
        return List.of(password, bearer.substring("Bearer ".length()), apiKey);
    }

    /** Fails unless this tenant is served as usual right now: JWT and API key, login and the environment list. */
    void assertServed(String baseUrl) throws Exception {
        assertServedWithoutLogin(baseUrl);
        assertOk(send(baseUrl, "POST", "/api/v1/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"), "login");
    }

    /** As {@link #assertServed} but for login, which has its own limit of a few a minute per account. */
    void assertServedWithoutLogin(String baseUrl) throws Exception {
        assertOk(send(baseUrl, "GET", "/api/v1/auth/me", bearer, null), "me with a JWT");
        assertOk(send(baseUrl, "GET", "/api/v1/auth/me", "Bearer " + apiKey, null), "me with an API key");
        assertOk(send(baseUrl, "GET", "/api/v1/environments", bearer, null), "the environment list");
    }

    private static void assertOk(HttpResponse<String> response, String what) {
        assertEquals(200, response.statusCode(), what + ": " + response.body());
    }

    static HttpResponse<String> send(String baseUrl, String method, String path, String auth, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(40))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
