package io.mockfactory.gateway.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.mockfactory.gateway.input.JsonBody;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bodies of the account routes the gateway forwards to auth-service, checked at the edge: each field a route reads
 * is a string within its length, nothing anywhere in the body is unstorable. The records are the same bodies as the
 * OpenAPI document shows them; a test holds the two together.
 */
public enum AccountBody {
    REGISTER(Map.of("email", 254, "password", 1024, "full_name", 200)),
    LOGIN(Map.of("email", 254, "password", 1024)),
    REFRESH(Map.of("refresh_token", 512)),
    LOGOUT(Map.of("refresh_token", 512)),
    CREATE_API_KEY(Map.of("name", 200));

    private final Map<String, Integer> maxLengths;

    AccountBody(Map<String, Integer> maxLengths) {
        this.maxLengths = maxLengths;
    }

    public Map<String, Integer> fields() {
        return maxLengths;
    }

    /** @return the body's string fields (absent ones omitted), or the 400/422 */
    Map<String, String> check(@Nullable byte[] body, JsonMapper json) {
        JsonBody parsed = JsonBody.parse(body, json);
        Map<String, String> values = new LinkedHashMap<>();
        maxLengths.forEach((field, max) -> {
            String value = parsed.string(field, max);
            if (value != null) {
                values.put(field, value);
            }
        });
        parsed.requireValid("The request body is not valid.");
        return values;
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Register(String email, String password, String fullName) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Login(String email, String password) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Refresh(String refreshToken) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Logout(@Nullable String refreshToken) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record CreateApiKey(String name) {
    }
}
