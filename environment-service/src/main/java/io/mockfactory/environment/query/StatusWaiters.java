package io.mockfactory.environment.query;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.mockfactory.environment.readmodel.StatusChanges;
import io.mockfactory.kit.loop.BackgroundLoop;
import io.mockfactory.internal.environment.EnvironmentView;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Answers "tell me when this environment reaches one of these statuses" without polling: one connection LISTENs to
 * the read model's status channel ({@link StatusChanges}) and wakes the requests waiting on that environment, which
 * then read it again. If the listening connection is lost, waiters still re-read every {@value #FALLBACK_MILLIS} ms
 * while it is re-established, so a lost notification costs latency, never an answer.
 */
@Singleton
public class StatusWaiters implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(StatusWaiters.class);
    private static final long FALLBACK_MILLIS = 250;

    private final DataSource dataSource;
    private final EnvironmentQueries queries;
    private final String channel;
    private final Map<String, Set<Semaphore>> waiting = new ConcurrentHashMap<>();
    private final BackgroundLoop listener = new BackgroundLoop("environment-status-listener");

    public StatusWaiters(DataSource dataSource, EnvironmentQueries queries, StatusChanges changes) {
        this.dataSource = dataSource;
        this.queries = queries;
        this.channel = changes.channel();
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        listener.start(this::listen);
    }

    /**
     * The owner's environment once its status is one of {@code until}, or as it is when {@code wait} has passed.
     * An environment the read model does not know yet (its command is still on its way) is waited for too.
     */
    public Optional<EnvironmentView> await(String userId, String environmentId, Set<String> until, Duration wait)
            throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        Semaphore wakeUp = new Semaphore(0);
        // Registered before the first read: a change committed between the read and the wait still wakes it
        waiting.computeIfAbsent(environmentId, id -> new CopyOnWriteArraySet<>()).add(wakeUp);
        try {
            while (true) {
                Optional<EnvironmentView> view = queries.find(userId, environmentId);
                long left = deadline - System.nanoTime();
                if (view.isPresent() && until.contains(view.get().status()) || left <= 0) {
                    return view;
                }
                wakeUp.tryAcquire(Math.min(left, TimeUnit.MILLISECONDS.toNanos(FALLBACK_MILLIS)), TimeUnit.NANOSECONDS);
                wakeUp.drainPermits();
            }
        } finally {
            waiting.computeIfPresent(environmentId, (id, set) -> {
                set.remove(wakeUp);
                return set.isEmpty() ? null : set;
            });
        }
    }

    private void listen() {
        while (listener.running()) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (listener.running()) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            wake(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (listener.running()) {
                    LOG.warn("Lost the environment status listener, reconnecting: {}", e.toString());
                    BackgroundLoop.sleepQuietly(FALLBACK_MILLIS);
                }
            }
        }
    }

    private void wake(String environmentId) {
        Set<Semaphore> waiters = waiting.get(environmentId);
        if (waiters != null) {
            waiters.forEach(Semaphore::release);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        listener.stop(5000);
    }
}
