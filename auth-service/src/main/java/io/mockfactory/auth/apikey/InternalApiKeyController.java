package io.mockfactory.auth.apikey;

import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.internal.auth.ApiKeyOperations;
import io.mockfactory.internal.auth.VerifiedKey;
import io.mockfactory.internal.auth.VerifyRequest;

import java.util.Optional;

/** For the gateway only (the internal token is enforced on this whole service): is this API key live, and whose? */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class InternalApiKeyController implements ApiKeyOperations {
    private final ApiKeys apiKeys;

    public InternalApiKeyController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public Optional<VerifiedKey> verify(VerifyRequest request) throws Exception {
        return apiKeys.verify(request.key());
    }
}
