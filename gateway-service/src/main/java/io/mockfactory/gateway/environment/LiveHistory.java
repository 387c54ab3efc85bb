package io.mockfactory.gateway.environment;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An environment's lifecycle as Server-Sent Events: its history first, then each new event as the read model records
 * it (polled every second), ending after EnvironmentDestroyed or after a maximum duration (clients reconnect).
 */
@Singleton
public class LiveHistory {
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final String LAST_EVENT = "EnvironmentDestroyed";

    private final EnvironmentReadModel readModel;
    private final JsonMapper json;
    private final Duration maxStream;

    public LiveHistory(EnvironmentReadModel readModel, JsonMapper json,
                       @Value("${mockfactory.gateway.environments.stream-max:10m}") Duration maxStream) {
        this.readModel = readModel;
        this.json = json;
        this.maxStream = maxStream;
    }

    public Flux<Event<Map<String, Object>>> stream(String userId, String environmentId) {
        Set<String> sent = new HashSet<>();
        return Flux.interval(Duration.ZERO, POLL)
                .publishOn(Schedulers.boundedElastic())
                .concatMapIterable(tick -> unseen(userId, environmentId, sent))
                .takeUntil(entry -> LAST_EVENT.equals(entry.get("type")))
                .take(maxStream)
                .map(entry -> Event.of(entry).id(String.valueOf(entry.get("event_id"))).name(String.valueOf(entry.get("type"))));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> unseen(String userId, String environmentId, Set<String> sent) {
        var answer = readModel.get("/internal/environments/" + EnvironmentReadModel.encode(environmentId)
                + "/events?user_id=" + EnvironmentReadModel.encode(userId));
        if (answer.statusCode() != 200) {
            return List.of();
        }
        try {
            List<Map<String, Object>> items = (List<Map<String, Object>>) json.readValue(answer.body(), Map.class).get("items");
            return items.stream().filter(item -> sent.add(String.valueOf(item.get("event_id")))).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
