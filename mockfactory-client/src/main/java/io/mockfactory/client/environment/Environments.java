package io.mockfactory.client.environment;

import io.mockfactory.client.http.JustCreated;
import io.mockfactory.client.http.AllPages;
import io.mockfactory.client.credentials.Credentials;
import io.mockfactory.client.error.ConflictException;
import io.mockfactory.client.error.EnvironmentFailedException;
import io.mockfactory.client.error.MockFactoryException;
import io.mockfactory.client.error.UnavailableException;
import io.mockfactory.client.error.WaitTimeoutException;
import io.mockfactory.client.http.ApiTransport;
import io.mockfactory.client.http.ApiTransport.Repeatable;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** The caller's environments. */
public final class Environments {
    private static final Duration POLL = Duration.ofMillis(250);
    /** How long a just-created environment may be unknown: the read model projects the create asynchronously. */
    private static final Duration NOT_YET_VISIBLE = Duration.ofSeconds(15);
    private static final Set<String> UNDER_WAY = Set.of("provisioning", "starting", "stopping", "destroying");
    /** How long a stop, start or destroy the gateway stopped waiting for is followed to its end. */
    private static final Duration SETTLE = Duration.ofMinutes(2);

    private final ApiTransport transport;

    public Environments(ApiTransport transport) {
        this.transport = transport;
    }

    /**
     * Asks for the environment and returns at once, still provisioning. An {@code Idempotency-Key} is generated, so
     * the retries the client makes (or a caller's own, through {@link #create(EnvironmentSpec, String)}) never
     * create a second environment.
     */
    public Environment create(EnvironmentSpec spec) {
        return create(spec, UUID.randomUUID().toString());
    }

    public Environment create(EnvironmentSpec spec, String idempotencyKey) {
        return Environment.from(transport.send("POST", "/api/v1/environments", spec.body(),
                Map.of("Idempotency-Key", idempotencyKey, "Prefer", "respond-async"), Repeatable.YES));
    }

    /** Creates the environment and waits until it runs; a failure or the wait's end destroys nothing. */
    public Environment createAndAwait(EnvironmentSpec spec, Duration wait) {
        return awaitRunning(create(spec).id(), wait, ignored -> { });
    }

    /** As {@link #clone(String, String)}, named as the API names it: the source's name and {@code -clone}. */
    public Environment clone(String sourceId) {
        return clone(sourceId, null);
    }

    /**
     * Asks for a new environment with a copy of a running one's data, taken now without stopping it, and returns at
     * once, still provisioning (as {@link #create(EnvironmentSpec)} does). The clone has its own ports and passwords,
     * the source's services and TTL. A generated {@code Idempotency-Key} makes the client's retries clone once.
     *
     * @param name the clone's name; null for the source's with {@code -clone}
     * @throws io.mockfactory.client.error.ConflictException when the source is neither running nor stopped
     * @throws io.mockfactory.client.error.ValidationException (422 {@code feature-unavailable}) for a source with a
     *         service this deployment cannot snapshot
     */
    public Environment clone(String sourceId, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (name != null) {
            body.put("name", name);
        }
        return Environment.from(transport.send("POST", "/api/v1/environments/" + pathSegment(sourceId) + "/clone", body,
                Map.of("Prefer", "respond-async", "Idempotency-Key", UUID.randomUUID().toString()), Repeatable.YES));
    }

    /**
     * Clones the environment and waits until the clone runs, as {@link #createAndAwait} does.
     *
     * @param name the clone's name; null for the source's with {@code -clone}
     */
    public Environment cloneAndAwait(String sourceId, String name, Duration wait) {
        return awaitRunning(clone(sourceId, name).id(), wait, ignored -> { });
    }

    /**
     * Waits until the environment runs, woken by its live events and polling every 250 ms besides. A 404 in the first
     * 15 s is taken as "not projected yet" (a create is answered before the read model has it).
     *
     * @param progress told each lifecycle event's type as it arrives (e.g. for a progress line)
     * @throws EnvironmentFailedException when it fails or is destroyed meanwhile
     * @throws WaitTimeoutException when it is still not running after {@code wait}
     */
    public Environment awaitRunning(String id, Duration wait, Consumer<String> progress) {
        return awaitRunningWithEvents(id, wait, event -> progress.accept(event.type()));
    }

    /**
     * As {@link #awaitRunning(String, Duration, Consumer)}, telling each whole event (history first, then live ones),
     * so a progress line can name the service a {@code ServiceReady} is about. Its own name: a second
     * {@code awaitRunning} overload would make callers' {@code ignored -> { }} ambiguous.
     */
    public Environment awaitRunningWithEvents(String id, Duration wait, Consumer<LifecycleEvent> progress) {
        Instant started = Instant.now();
        Instant deadline = started.plus(wait);
        try (EventWakeups events = new EventWakeups(transport, eventsPath(id), progress)) {
            while (true) {
                Environment current = visible(id, started);
                if (current == null) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new WaitTimeoutException(id, "not visible", wait);
                    }
                    events.awaitNext(POLL);
                    continue;
                }
                if (current.isRunning()) {
                    return current;
                }
                if (current.isGone()) {
                    throw new EnvironmentFailedException(id, current.status(), current.lastError());
                }
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    throw new WaitTimeoutException(id, current.status(), wait);
                }
                events.awaitNext(left.compareTo(POLL) < 0 ? left : POLL);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("Interrupted while waiting for environment " + id, interrupted);
        }
    }

    /** @return the environment, or null while a 404 may still mean "not projected yet" */
    private Environment visible(String id, Instant waitStarted) {
        return JustCreated.readOrNull(() -> get(id), waitStarted, NOT_YET_VISIBLE);
    }

    public Environment get(String id) {
        return Environment.from(transport.get("/api/v1/environments/" + pathSegment(id)));
    }

    /** One page; {@code cursor} null for the first. */
    public EnvironmentPage page(int limit, String cursor) {
        return AllPages.read(transport, "/api/v1/environments", limit, cursor, Environment::from, EnvironmentPage::new);
    }

    /** Every environment of the caller, newest first, fetching pages of 100 as the iteration reaches them. */
    public Iterable<Environment> all() {
        return AllPages.of(cursor -> page(100, cursor));
    }

    /** @return the status it reached ({@code stopped}); stopping a stopped environment is a no-op */
    public String stop(String id) {
        return change(id, "POST", "/stop", "stopped");
    }

    /** @return the status it reached ({@code running}), on the same ports with its data */
    public String start(String id) {
        return change(id, "POST", "/start", "running");
    }

    /** Processes, ports, data and secrets are gone; destroying a destroyed environment is a no-op. */
    public String destroy(String id) {
        return change(id, "DELETE", "", "destroyed");
    }

    public Credentials credentials(String id) {
        return Credentials.from(transport.get("/api/v1/environments/" + pathSegment(id) + "/credentials"));
    }

    public List<LifecycleEvent> events(String id) {
        List<LifecycleEvent> events = new ArrayList<>();
        transport.get("/api/v1/environments/" + pathSegment(id) + "/events").path("items")
                .forEach(item -> events.add(LifecycleEvent.from(item)));
        return events;
    }

    /**
     * Follows the environment's lifecycle as it happens, blocking: its history first, then each new event, until
     * {@code EnvironmentDestroyed}. The API ends a stream after a while (ten minutes by default), so this reconnects
     * and skips the events it has already passed on.
     *
     * @throws io.mockfactory.client.error.NotFoundException for an environment the caller does not have
     * @throws UnavailableException when the stream cannot be opened or breaks
     */
    public void watch(String id, Consumer<LifecycleEvent> onEvent) {
        Set<String> told = new HashSet<>();
        boolean destroyed = false;
        while (!destroyed) {
            try (InputStream events = transport.stream(eventsPath(id), "text/event-stream")) {
                destroyed = !ServerSentEvents.read(events, event -> {
                    if (event.eventId() == null || told.add(event.eventId())) {
                        onEvent.accept(event);
                    }
                    return !"EnvironmentDestroyed".equals(event.type());
                });
            } catch (IOException broken) {
                throw new UnavailableException("The event stream of environment " + id + " could not be read ("
                        + broken.getClass().getSimpleName() + ")", broken);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new UnavailableException("Interrupted while watching environment " + id, interrupted);
            }
            if (!destroyed) {
                // Before reconnecting: a stream that ends at once, again and again, must not become a busy loop
                pauseBeforeReconnecting(id);
            }
        }
    }

    private static void pauseBeforeReconnecting(String id) {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("Interrupted while watching environment " + id, interrupted);
        }
    }

    /** @param action the route under the environment's path ("/stop"), or "" for the environment itself */
    private String change(String id, String method, String action, String target) {
        try {
            // Repeatable: the API answers a transition to the state already reached with that state
            return transport.send(method, "/api/v1/environments/" + pathSegment(id) + action, null, Map.of(),
                    Repeatable.YES).path("status").asText();
        } catch (ConflictException | UnavailableException refused) {
            // A 504 (the gateway's own wait ran out) or a 409 for a retry that found the change under way: both may
            // still end where asked, so the answer is what the environment settles at
            if (refused.status() != 409 && refused.status() != 504) {
                throw refused;
            }
            return settle(id, target, refused);
        }
    }

    private String settle(String id, String target, MockFactoryException refused) {
        Instant deadline = Instant.now().plus(SETTLE);
        while (Instant.now().isBefore(deadline)) {
            String status = get(id).status();
            if (status.equals(target)) {
                return status;
            }
            if (!UNDER_WAY.contains(status)) {
                throw refused;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw refused;
            }
        }
        throw refused;
    }

    /** The history's route; with Accept: text/event-stream, the live stream. */
    private static String eventsPath(String id) {
        return "/api/v1/environments/" + pathSegment(id) + "/events";
    }

    private static String pathSegment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
