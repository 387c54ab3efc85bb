package io.mockfactory.gateway.environment;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import io.mockfactory.internal.environment.History;
import io.mockfactory.internal.environment.HistoryEntry;
import io.mockfactory.kit.web.ProblemException;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
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
    private final Duration maxStream;

    public LiveHistory(EnvironmentReadModel readModel,
                       @Value("${mockfactory.gateway.environments.stream-max:10m}") Duration maxStream) {
        this.readModel = readModel;
        this.maxStream = maxStream;
    }

    public Flux<Event<HistoryEntry>> stream(String userId, String environmentId) {
        Set<String> sent = new HashSet<>();
        return Flux.interval(Duration.ZERO, POLL)
                .publishOn(Schedulers.boundedElastic())
                .concatMapIterable(tick -> unseen(userId, environmentId, sent))
                .takeUntil(entry -> LAST_EVENT.equals(entry.type()))
                .take(maxStream)
                .map(entry -> Event.of(entry).id(entry.eventId()).name(entry.type()));
    }

    /** A poll the read model cannot answer sends nothing this second; the next one catches up. */
    private List<HistoryEntry> unseen(String userId, String environmentId, Set<String> sent) {
        try {
            return readModel.events(userId, environmentId).map(History::items).orElse(List.of()).stream()
                    .filter(entry -> sent.add(entry.eventId())).toList();
        } catch (ProblemException unavailable) {
            return List.of();
        }
    }
}
