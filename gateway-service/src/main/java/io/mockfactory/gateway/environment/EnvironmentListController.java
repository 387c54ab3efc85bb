package io.mockfactory.gateway.environment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.mockfactory.gateway.security.Caller;
import io.mockfactory.internal.environment.EnvironmentView;
import io.mockfactory.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * The caller's environment list: the route clients poll most. It has no @ExecuteOn of its own, so a page the gateway
 * holds (see {@link EnvironmentListCache}) is answered on the thread the request arrived on (the authentication
 * filter's); only a page it must fetch is handed to the blocking pool, with the request's context.
 */
@Controller("/api/v1")
@Tag(name = "Environments")
public class EnvironmentListController {
    private static final String ENVIRONMENT_PREFIX = "env";

    private final EnvironmentReadModel readModel;

    public EnvironmentListController(EnvironmentReadModel readModel) {
        this.readModel = readModel;
    }

    @Get("/environments")
    @Operation(summary = "The caller's environments, newest first (?limit=&cursor=). Background changes show within"
            + " 500 ms, the caller's own at once; Cache-Control: no-cache reads the read model")
    public CompletionStage<Page<EnvironmentView>> list(HttpRequest<?> request, @Nullable @QueryValue String limit,
                                                       @Nullable @QueryValue String cursor,
                                                       @Nullable @Header("Cache-Control") String cacheControl) {
        // Validated here, at the edge: the read model's own 422 would name its internal route
        Integer pageSize = limit == null ? null : Page.pageSize(limit);
        String after = Page.requireCursor(cursor, ENVIRONMENT_PREFIX);
        String owner = request.getAttribute(Caller.ATTRIBUTE, Caller.class).orElseThrow().userId();
        boolean fresh = cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-cache");
        return readModel.list(owner, pageSize, after, fresh);
    }
}
