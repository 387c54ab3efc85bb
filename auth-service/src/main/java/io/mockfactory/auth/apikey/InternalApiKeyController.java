package io.mockfactory.auth.apikey;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;

/** For the gateway only (the internal token is enforced on this whole service): is this API key live, and whose? */
@Controller("/internal/api-keys/verify")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InternalApiKeyController {
    private final ApiKeys apiKeys;

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record VerifyRequest(@Nullable String key) {
    }

    public InternalApiKeyController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Post
    public ApiKeys.VerifiedKey verify(@Body VerifyRequest request) throws Exception {
        return apiKeys.verify(request.key())
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "Unknown or revoked API key."));
    }
}
