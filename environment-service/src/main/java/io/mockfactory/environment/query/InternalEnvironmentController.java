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
import io.mockfactory.kit.web.Page;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;

import java.util.List;

/** The gateway's queries (internal token enforced on this service); every one names the owner. */
@Controller("/internal/environments")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InternalEnvironmentController {
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
        return Page.of(queries.list(userId, cursor, pageSize + 1), pageSize, EnvironmentView::id);
    }

    @Get("/usage")
    public Usage usage(@QueryValue("user_id") String userId) throws Exception {
        return new Usage(queries.activeCount(userId));
    }

    @Get("/{id}")
    public EnvironmentView get(@PathVariable String id, @QueryValue("user_id") String userId) throws Exception {
        return queries.find(userId, id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such environment."));
    }

    @Get("/{id}/events")
    public History events(@PathVariable String id, @QueryValue("user_id") String userId) throws Exception {
        queries.find(userId, id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such environment."));
        return new History(queries.history(id));
    }
}
