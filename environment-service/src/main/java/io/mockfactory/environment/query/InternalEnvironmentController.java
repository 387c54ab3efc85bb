package io.mockfactory.environment.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.mockfactory.events.EventIds;
import io.mockfactory.kit.web.Page;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;

import java.util.List;

/** The gateway's queries (internal token enforced on this service); every one names the owner. */
@Controller("/internal/environments")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InternalEnvironmentController {
    private static final String ENVIRONMENT_PREFIX = "env";
    private final EnvironmentQueries queries;

    @Serdeable
    public record History(List<HistoryEntry> items) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Usage(int runningEnvironments) {
    }

    public InternalEnvironmentController(EnvironmentQueries queries) {
        this.queries = queries;
    }

    @Get
    public Page<EnvironmentView> list(@QueryValue("user_id") String userId, @Nullable @QueryValue String limit,
                                      @Nullable @QueryValue String cursor) throws Exception {
        int pageSize = Page.pageSize(limit);
        return Page.of(queries.list(userId, Page.requireCursor(cursor, ENVIRONMENT_PREFIX), pageSize + 1), pageSize,
                EnvironmentView::id);
    }

    @Get("/usage")
    public Usage usage(@QueryValue("user_id") String userId) throws Exception {
        return new Usage(queries.activeCount(userId));
    }

    @Get("/{id}")
    public EnvironmentView get(@PathVariable String id, @QueryValue("user_id") String userId) throws Exception {
        return owned(id, userId);
    }

    @Get("/{id}/events")
    public History events(@PathVariable String id, @QueryValue("user_id") String userId) throws Exception {
        owned(id, userId);
        return new History(queries.history(id));
    }

    /** An id that cannot be an environment's is not looked up: the answer is the same 404. */
    private EnvironmentView owned(String id, String userId) throws Exception {
        if (!EventIds.isWellFormed(ENVIRONMENT_PREFIX, id)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such environment.");
        }
        return queries.find(userId, id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such environment."));
    }
}
