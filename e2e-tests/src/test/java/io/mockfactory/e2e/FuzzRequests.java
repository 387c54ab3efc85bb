package io.mockfactory.e2e;

import io.mockfactory.events.EventIds;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates requests over the gateway's routes from one seed: the route templates of the public API with their path
 * variables, query parameters, headers and JSON bodies replaced by generated values, hostile ones weighted up (NUL,
 * unpaired surrogates, wrong JSON types, deep nesting, oversized values, other tenants' ids, odd credentials).
 */
final class FuzzRequests {
    private record Route(String method, String template, List<String> fields) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route("GET", "/", List.of()), new Route("GET", "/health", List.of()), new Route("GET", "/docs", List.of()),
            new Route("GET", "/api/v1/catalog", List.of()), new Route("GET", "/api/v1/account/limits", List.of()),
            new Route("POST", "/api/v1/auth/register", List.of("email", "password", "full_name")),
            new Route("POST", "/api/v1/auth/login", List.of("email", "password")),
            new Route("POST", "/api/v1/auth/refresh", List.of("refresh_token")),
            new Route("GET", "/api/v1/auth/me", List.of()), new Route("GET", "/.well-known/jwks.json", List.of()),
            new Route("POST", "/api/v1/api-keys", List.of("name")), new Route("GET", "/api/v1/api-keys", List.of()),
            new Route("DELETE", "/api/v1/api-keys/{key}", List.of()),
            new Route("POST", "/api/v1/environments", List.of("name", "services", "ttl_minutes")),
            new Route("GET", "/api/v1/environments", List.of()), new Route("GET", "/api/v1/environments/{env}", List.of()),
            new Route("GET", "/api/v1/environments/{env}/credentials", List.of()),
            new Route("GET", "/api/v1/environments/{env}/events", List.of()),
            new Route("POST", "/api/v1/environments/{env}/stop", List.of()),
            new Route("POST", "/api/v1/environments/{env}/start", List.of()),
            new Route("DELETE", "/api/v1/environments/{env}", List.of()));
    private static final String[] NASTY = {"\u0000", "a\u0000b", "\ud800", "x\udc00y", "\uFFFF", "\u202E", "😀", "",
            " ", "..", "../../etc/passwd", "%00", "'; DROP TABLE users;--", "${jndi:ldap://x}", "\r\nX-Injected: 1",
            "null", "true", "-1", "0", "1e309", "\\", "\"", "<script>", "\u0001\u001f"};
    private static final String[] SERVICE_TYPES = {"redis", "postgresql", "aws_s3", "elasticmq", "nope", "", "REDIS",
            "__proto__", "redis\u0000"};
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"};

    private final Random random;

    FuzzRequests(long seed) {
        this.random = new Random(seed);
    }

    record Generated(String method, String path, List<String[]> headers, byte[] body) {
        HttpRequest build(String baseUrl, Duration timeout) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(header -> request.header(header[0], header[1]));
            return request.build();
        }

        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return method + " " + abbreviate(path) + " body=" + abbreviate(shown);
        }

        private static String abbreviate(String text) {
            return text.length() > 160 ? text.substring(0, 160) + "…(" + text.length() + ")" : text;
        }
    }

    Generated next(Tenant attacker, String othersEnvironment) {
        Route route = ROUTES.get(random.nextInt(ROUTES.size()));
        String method = chance(5) ? METHODS[random.nextInt(METHODS.length)] : route.method();
        String path = route.template().replace("{env}", pathSegment("env", othersEnvironment))
                .replace("{key}", pathSegment("key", null)) + query();
        List<String[]> headers = new ArrayList<>();
        credentials(attacker).ifPresent(value -> headers.add(new String[]{value[0], value[1]}));
        if (chance(20)) {
            headers.add(new String[]{"X-Request-Id", asciiJunk()});
        }
        if (chance(20)) {
            headers.add(new String[]{"Idempotency-Key", chance(50) ? "key-" + random.nextInt(5) : asciiJunk()});
        }
        if (chance(50)) {
            headers.add(new String[]{"Prefer", chance(80) ? "respond-async" : asciiJunk()});
        }
        if (chance(10)) {
            headers.add(new String[]{"Accept", pick("application/xml", "*/*", "application/json;q=0", asciiJunk())});
        }
        byte[] body = null;
        if ("POST".equals(method) || chance(5)) {
            body = body(route.fields());
            headers.add(new String[]{"Content-Type", chance(90) ? "application/json" : pick("text/plain",
                    "application/xml", "multipart/form-data; boundary=x", "application/json; charset=latin1")});
        }
        return new Generated(method, path, headers, body);
    }

    private String pathSegment(String prefix, String othersId) {
        return switch (random.nextInt(8)) {
            case 0 -> othersId == null ? EventIds.newId(prefix) : othersId;
            case 1 -> EventIds.newId(prefix);
            case 2 -> prefix + "_" + encode(nasty());
            case 3 -> encode(nasty());
            case 4 -> prefix + "_" + "A".repeat(1 + random.nextInt(3000));
            case 5 -> "%ED%A0%80" + prefix;
            case 6 -> prefix + "_%C0%AE%C0%AE%2F";
            default -> encode(randomText(1 + random.nextInt(40)));
        };
    }

    private String query() {
        if (!chance(40)) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        if (chance(60)) {
            query.append("limit=").append(encode(pick("0", "-1", "101", "5", "abc", "1e3", "99999999999999999999",
                    nasty()))).append('&');
        }
        if (chance(60)) {
            query.append("cursor=").append(encode(pick(EventIds.newId("env"), EventIds.newId("key"), nasty(),
                    "x".repeat(random.nextInt(2000))))).append('&');
        }
        if (chance(20)) {
            query.append(encode(nasty())).append('=').append(encode(nasty()));
        }
        return query.toString();
    }

    private java.util.Optional<String[]> credentials(Tenant attacker) {
        int roll = random.nextInt(100);
        if (roll < 55) {
            return java.util.Optional.of(new String[]{"Authorization", attacker.bearer()});
        }
        if (roll < 70) {
            return java.util.Optional.of(new String[]{"Authorization", "Bearer " + attacker.apiKey()});
        }
        if (roll < 80) {
            return java.util.Optional.of(new String[]{"X-API-Key", attacker.apiKey()});
        }
        if (roll < 90) {
            return java.util.Optional.of(new String[]{"Authorization", pick("Bearer ", "Bearer mf_" + asciiJunk(),
                    "Basic " + asciiJunk(), "Bearer " + asciiJunk(), "bearer\t" + asciiJunk(),
                    "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c3JfeCJ9.")});
        }
        return java.util.Optional.empty();
    }

    private byte[] body(List<String> fields) {
        int roll = random.nextInt(100);
        String json;
        if (roll < 5) {
            json = "[".repeat(1 + random.nextInt(3000));
        } else if (roll < 10) {
            json = pick("", "null", "[]", "\"text\"", "{", "{\"a\":}", "{\"a\":1,,}", "\u0000", "{\"a\":\"\\u00\"}");
        } else if (roll < 12) {
            json = "{\"name\":\"" + "n".repeat(200_000 + random.nextInt(1_200_000)) + "\"}";
        } else {
            StringBuilder object = new StringBuilder("{");
            for (String field : fields) {
                if (chance(85)) {
                    object.append(jsonString(field)).append(':').append("services".equals(field) ? services() : value(2)).append(',');
                }
            }
            if (chance(20)) {
                object.append(jsonString(randomText(8))).append(':').append(value(3)).append(',');
            }
            if (object.charAt(object.length() - 1) == ',') {
                object.setLength(object.length() - 1);
            }
            json = object.append('}').toString();
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private String services() {
        if (chance(15)) {
            return value(2);
        }
        StringBuilder services = new StringBuilder("{");
        int count = random.nextInt(chance(10) ? 30 : 3);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                services.append(',');
            }
            String settings = chance(70) ? "{\"version\":" + pick("\"7\"", "\"latest\"", "\"99\"", "7", "null",
                    jsonString(nasty())) + (chance(30) ? ",\"region\":" + pick("\"us-east-1\"", "1", jsonString(nasty())) : "")
                    + "}" : value(2);
            services.append(jsonString(SERVICE_TYPES[random.nextInt(SERVICE_TYPES.length)])).append(':').append(settings);
        }
        return services.append('}').toString();
    }

    private String value(int depth) {
        int kind = random.nextInt(depth <= 0 ? 6 : 8);
        return switch (kind) {
            case 0 -> jsonString(nasty());
            case 1 -> jsonString(randomText(random.nextInt(chance(5) ? 5000 : 30)));
            case 2 -> pick("0", "-1", "1.5", "1e400", "123456789012345678901234567890", "30", "-0", "1E2");
            case 3 -> pick("true", "false");
            case 4 -> "null";
            case 5 -> jsonString("\\u0000");
            case 6 -> "[" + value(depth - 1) + "," + value(depth - 1) + "]";
            default -> "{" + jsonString(nasty()) + ":" + value(depth - 1) + "}";
        };
    }

    /** A JSON string literal: NUL and lone surrogates written as JSON escapes, as a hostile client would send them. */
    private static String jsonString(String text) {
        StringBuilder literal = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                literal.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                literal.append(String.format("\\u%04x", (int) c));
            } else {
                literal.append(c);
            }
        }
        return literal.append('"').toString();
    }

    private String nasty() {
        return NASTY[random.nextInt(NASTY.length)];
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (chance(80) ? 0x20 + random.nextInt(0x5f) : random.nextInt(0x3000)));
        }
        return text.toString();
    }

    /** Printable ASCII only: what an HTTP client lets through as a header value. */
    private String asciiJunk() {
        StringBuilder text = new StringBuilder();
        int length = chance(5) ? 3000 : 1 + random.nextInt(60);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x21 + random.nextInt(0x5e)));
        }
        return text.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
