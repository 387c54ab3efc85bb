package io.mockfactory.auth.apikey;

import io.mockfactory.internal.account.ApiKeyView;
import io.mockfactory.internal.account.CreatedApiKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.mockfactory.auth.caller.Callers;
import io.mockfactory.kit.auth.AccessTokenClaims;
import io.mockfactory.events.EventIds;
import io.mockfactory.kit.web.Page;
import io.mockfactory.kit.web.StorableText;
import io.mockfactory.kit.web.Problem.FieldError;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;

import java.util.List;

@Controller("/api/v1/api-keys")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApiKeyController {
    private static final int MAX_NAME_LENGTH = 64;
    private static final String KEY_PREFIX = "key";

    private final ApiKeys apiKeys;
    private final Callers callers;

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record CreateApiKeyRequest(@Nullable String name) {
    }

    public ApiKeyController(ApiKeys apiKeys, Callers callers) {
        this.apiKeys = apiKeys;
        this.callers = callers;
    }

    @Post
    public HttpResponse<CreatedApiKey> create(HttpRequest<?> request, @Nullable @Body CreateApiKeyRequest body)
            throws Exception {
        AccessTokenClaims caller = callers.require(request);
        String name = body == null || body.name() == null ? "" : body.name().strip();
        StorableText.require("name", name);
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The key needs a name.",
                    List.of(new FieldError("name", "must be 1 to " + MAX_NAME_LENGTH + " characters")));
        }
        return HttpResponse.status(HttpStatus.CREATED).body(apiKeys.create(caller.userId(), name));
    }

    @Get
    public Page<ApiKeyView> list(HttpRequest<?> request, @Nullable @QueryValue String limit,
                                         @Nullable @QueryValue String cursor) throws Exception {
        AccessTokenClaims caller = callers.require(request);
        int pageSize = Page.pageSize(limit);
        List<ApiKeyView> keys = apiKeys.list(caller.userId(), Page.requireCursor(cursor, KEY_PREFIX), pageSize + 1);
        return Page.of(keys, pageSize, ApiKeyView::id);
    }

    @Delete("/{id}")
    public HttpResponse<Void> revoke(HttpRequest<?> request, @PathVariable String id) throws Exception {
        AccessTokenClaims caller = callers.require(request);
        if (!EventIds.isWellFormed(KEY_PREFIX, id) || !apiKeys.revoke(caller.userId(), id)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such API key.");
        }
        return HttpResponse.noContent();
    }
}
