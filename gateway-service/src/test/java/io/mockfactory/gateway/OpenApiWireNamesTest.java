package io.mockfactory.gateway;

import io.mockfactory.gateway.account.AccountBody;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document names fields as the wire does: a client generated from it, or following it by hand, must send
 * what the API reads (a camelCase {@code ttlMinutes} in the document once had clients' TTLs silently dropped).
 */
class OpenApiWireNamesTest {
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final Map<String, AccountBody> ACCOUNT_ROUTES = Map.of(
            "/api/v1/auth/register", AccountBody.REGISTER, "/api/v1/auth/login", AccountBody.LOGIN,
            "/api/v1/auth/refresh", AccountBody.REFRESH, "/api/v1/auth/logout", AccountBody.LOGOUT,
            "/api/v1/api-keys", AccountBody.CREATE_API_KEY);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document() throws Exception {
        try (InputStream in = OpenApiWireNamesTest.class.getResourceAsStream("/META-INF/swagger/mockfactory-api.yml")) {
            assertNotNull(in, "the OpenAPI document is generated at compile time");
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schemas(Map<String, Object> document) {
        return (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldNameEveryPropertyInSnakeCase() throws Exception {
        List<String> wrong = new ArrayList<>();
        schemas(document()).forEach((schema, definition) -> {
            Object properties = ((Map<String, Object>) definition).get("properties");
            if (properties instanceof Map<?, ?> map) {
                map.keySet().stream().map(String::valueOf).filter(name -> !SNAKE_CASE.matcher(name).matches())
                        .forEach(name -> wrong.add(schema + "." + name));
            }
        });
        assertTrue(wrong.isEmpty(), "not snake_case: " + wrong);
    }

    @Test
    void shouldDocumentExactlyTheFieldsEachAccountRouteReads() throws Exception {
        Map<String, Object> document = document();
        ACCOUNT_ROUTES.forEach((path, body) ->
                assertEquals(new TreeSet<>(body.fields().keySet()), requestProperties(document, path), path));
    }

    @Test
    void shouldDocumentTheCreateBodyByItsWireNames() throws Exception {
        Map<String, Object> document = document();
        assertEquals(Set.of("name", "services", "ttl_minutes"), requestProperties(document, "/api/v1/environments"));
        assertEquals(Set.of("version", "region", "seed"), properties(schemas(document).get("CreateEnvironmentRequest.ServiceSettings")));
        assertEquals(Set.of("sql", "commands", "rdb", "queues", "buckets", "objects"),
                properties(schemas(document).get("CreateEnvironmentRequest.Seed")));
        assertEquals(Set.of("environment_id", "bucket"), properties(schemas(document).get("CreateEnvironmentRequest.BucketSeed")));
        assertEquals(Set.of("upload", "bucket"), properties(schemas(document).get("CreateEnvironmentRequest.ObjectsSeed")));
        assertEquals(Set.of("name", "messages"), properties(schemas(document).get("CreateEnvironmentRequest.QueueSeed")));
    }

    /** The environment routes answer with real schemas: a generated client gets types, not "object". */
    @Test
    @SuppressWarnings("unchecked")
    void shouldGiveEveryEnvironmentRouteATypedResponse() throws Exception {
        List<String> untyped = new ArrayList<>();
        Map<String, Object> paths = (Map<String, Object>) document().get("paths");
        paths.forEach((path, operations) -> {
            if (!path.startsWith("/api/v1/environments") && !path.equals("/api/v1/catalog")) {
                return;
            }
            ((Map<String, Object>) operations).forEach((method, operation) -> {
                Map<String, Object> responses = (Map<String, Object>) ((Map<String, Object>) operation).get("responses");
                responses.forEach((status, response) -> {
                    Object content = ((Map<String, Object>) response).get("content");
                    if (content instanceof Map<?, ?> types) {
                        types.forEach((type, media) -> {
                            Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) media).get("schema");
                            if (schema == null || "object".equals(schema.get("type")) && !schema.containsKey("properties")) {
                                untyped.add(method + " " + path + " " + status + " " + type);
                            }
                        });
                    }
                });
            });
        });
        assertTrue(untyped.isEmpty(), "untyped responses: " + untyped);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> requestProperties(Map<String, Object> document, String path) {
        Map<String, Object> post = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) document.get("paths"))
                .get(path)).get("post");
        Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) post.get("requestBody")).get("content");
        Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) content.get("application/json")).get("schema");
        String ref = String.valueOf(schema.get("$ref"));
        return properties(schemas(document).get(ref.substring(ref.lastIndexOf('/') + 1)));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> properties(Object schema) {
        return new TreeSet<>(((Map<String, Object>) ((Map<String, Object>) schema).get("properties")).keySet());
    }
}
