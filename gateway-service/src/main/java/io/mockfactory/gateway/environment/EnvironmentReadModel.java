package io.mockfactory.gateway.environment;

import io.micronaut.json.JsonMapper;
import io.mockfactory.gateway.internal.InternalServiceClient;
import io.mockfactory.gateway.internal.InternalServiceClients;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The gateway's view of environment-service's read model, always asked on behalf of one owner. */
@Singleton
public class EnvironmentReadModel {
    private static final long POLL_MILLIS = 100;

    private final InternalServiceClient environments;
    private final JsonMapper json;

    public EnvironmentReadModel(@Named(InternalServiceClients.ENVIRONMENT) InternalServiceClient environments, JsonMapper json) {
        this.environments = environments;
        this.json = json;
    }

    public Optional<Map<String, Object>> find(String userId, String environmentId) {
        HttpResponse<byte[]> response = get("/internal/environments/" + encode(environmentId) + "?user_id=" + encode(userId));
        return response.statusCode() == 200 ? Optional.of(parse(response.body())) : Optional.empty();
    }

    public HttpResponse<byte[]> get(String pathAndQuery) {
        return environments.send(environments.request(pathAndQuery).GET());
    }

    /** Polls until the environment reaches one of {@code targets}, or the wait is over; @return its latest view */
    public Optional<Map<String, Object>> await(String userId, String environmentId, Set<String> targets, Duration wait)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        Optional<Map<String, Object>> latest = Optional.empty();
        while (Instant.now().isBefore(deadline)) {
            latest = find(userId, environmentId);
            if (latest.isPresent() && targets.contains(String.valueOf(latest.get().get("status")))) {
                return latest;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return latest;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(byte[] body) {
        try {
            return json.readValue(body, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable answer from environment-service", e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
