package io.mockfactory.client.environment;

import io.mockfactory.client.http.ApiTransport;

import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows an environment's Server-Sent Events on a daemon thread and wakes the waiting thread at each one, so a wait
 * reacts at once instead of at its next poll. If the stream cannot be opened or breaks, the waiter simply polls: the
 * stream only makes waiting faster, never decides its outcome.
 */
final class EventWakeups implements AutoCloseable {
    private static final Duration RECONNECT = Duration.ofMillis(250);

    private final Semaphore wakeups = new Semaphore(0);
    private volatile InputStream stream;
    private volatile boolean closed;

    /** @param eventsPath the environment's events route */
    EventWakeups(ApiTransport transport, String eventsPath, Consumer<LifecycleEvent> onEvent) {
        Thread follower = new Thread(() -> follow(transport, eventsPath, onEvent), "mockfactory-events");
        follower.setDaemon(true);
        follower.start();
    }

    /** Reconnects while the wait lasts: a just-created environment's stream is a 404 until the read model has it. */
    private void follow(ApiTransport transport, String path, Consumer<LifecycleEvent> onEvent) {
        while (!closed) {
            try (InputStream events = transport.stream(path, "text/event-stream")) {
                stream = events;
                if (closed) {
                    return;
                }
                ServerSentEvents.read(events, event -> {
                    onEvent.accept(event);
                    wakeups.release();
                    return !closed;
                });
            } catch (Exception streamUnavailable) {
                // Polling carries on; see the class comment
            }
            try {
                Thread.sleep(RECONNECT.toMillis());
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    /** Waits for the next event, or at most {@code max}. */
    void awaitNext(Duration max) throws InterruptedException {
        if (wakeups.tryAcquire(Math.max(1, max.toMillis()), TimeUnit.MILLISECONDS)) {
            wakeups.drainPermits();
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream open = stream;
        if (open != null) {
            try {
                open.close();
            } catch (Exception ignored) {
                // closing an aborted stream can fail; the thread ends either way
            }
        }
    }
}
