package io.mockfactory.environment.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.events.EventIds;
import io.mockfactory.internal.environment.EnvironmentOperations;
import io.mockfactory.internal.environment.EnvironmentView;
import io.mockfactory.internal.environment.History;
import io.mockfactory.internal.environment.Usage;
import io.mockfactory.kit.web.Page;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The gateway's queries (internal token enforced on this service); every one names the owner. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class InternalEnvironmentController implements EnvironmentOperations {
    private static final String ENVIRONMENT_PREFIX = "env";

    private final EnvironmentQueries queries;
    private final StatusWaiters waiters;

    public InternalEnvironmentController(EnvironmentQueries queries, StatusWaiters waiters) {
        this.queries = queries;
        this.waiters = waiters;
    }

    @Override
    public Page<EnvironmentView> list(String userId, @Nullable String limit, @Nullable String cursor) throws Exception {
        int pageSize = Page.pageSize(limit);
        return Page.of(queries.list(userId, Page.requireCursor(cursor, ENVIRONMENT_PREFIX), pageSize + 1), pageSize,
                EnvironmentView::id);
    }

    @Override
    public Usage usage(String userId) throws Exception {
        return new Usage(queries.activeCount(userId));
    }

    @Override
    public Optional<EnvironmentView> get(String id, String userId) throws Exception {
        return owned(id, userId);
    }

    @Override
    public Optional<EnvironmentView> settled(String id, String userId, String until, long waitMillis) throws Exception {
        if (!EventIds.isWellFormed(ENVIRONMENT_PREFIX, id)) {
            return Optional.empty();
        }
        Duration wait = Duration.ofMillis(Math.max(0, Math.min(waitMillis, MAX_WAIT_MILLIS)));
        return waiters.await(userId, id, Set.of(until.split(",")), wait);
    }

    @Override
    public Optional<History> events(String id, String userId) throws Exception {
        return owned(id, userId).isEmpty() ? Optional.empty() : Optional.of(new History(queries.history(id)));
    }

    /** An id that cannot be an environment's is not looked up: the answer is the same 404. */
    private Optional<EnvironmentView> owned(String id, String userId) throws Exception {
        return EventIds.isWellFormed(ENVIRONMENT_PREFIX, id) ? queries.find(userId, id) : Optional.empty();
    }
}
