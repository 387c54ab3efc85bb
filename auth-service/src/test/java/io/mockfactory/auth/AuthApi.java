package io.mockfactory.auth;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.mockfactory.events.EventIds;
import io.mockfactory.localstack.SharedInfrastructure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An auth-service on the shared real PostgreSQL and Kafka, in its own schema, driven over HTTP. */
final class AuthApi implements AutoCloseable {
    static final String INTERNAL_TOKEN = "test-internal-token";

    final ApplicationContext context;
    final String schema;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    AuthApi() {
        this("/nonexistent/jwt_signing_key");
    }

    AuthApi(String signingKeyFile) {
        schema = "auth_" + EventIds.newId("t").substring(2, 10).toLowerCase().replaceAll("[^a-z0-9]", "x");
        Map<String, Object> props = new HashMap<>(SharedInfrastructure.get().serviceProperties(schema));
        props.put("micronaut.server.port", "-1");
        props.put("mockfactory.internal.token", INTERNAL_TOKEN);
        props.put("mockfactory.auth.signing-key-file", signingKeyFile);
        context = ApplicationContext.builder().properties(props).start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        baseUrl = "http://localhost:" + server.getPort();
    }

    HttpResponse<String> post(String path, String json, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), headers);
    }

    HttpResponse<String> delete(String path, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE(), headers);
    }

    HttpResponse<String> getWithoutInternalToken(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String... headers) throws Exception {
        request.header("X-Internal-Token", INTERNAL_TOKEN);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> register(String email, String password) throws Exception {
        return post("/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + password
                + "\",\"full_name\":\"Ada Lovelace\"}");
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String uniqueEmail() {
        return "user-" + EventIds.newId("e").substring(2, 12).toLowerCase() + "@example.com";
    }

    @Override
    public void close() {
        context.close();
    }
}
