package io.mockfactory.gateway.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.gateway.ratelimit.RateLimitFilter;
import io.mockfactory.gateway.ratelimit.RateLimitSettings;
import io.mockfactory.gateway.ratelimit.RateLimiter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Locale;
import java.util.Map;

/**
 * The account routes of the public API; auth-service owns them, the gateway adds the edge concerns (authentication,
 * rate limits, headers) and the per-account limit on the session endpoints, which needs the body.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Accounts")
public class AccountRoutesController {
    private final AuthServiceForwarder forwarder;
    private final RateLimiter limiter;
    private final RateLimitSettings settings;
    private final RateLimitFilter rateLimits;
    private final JsonMapper json;

    public AccountRoutesController(AuthServiceForwarder forwarder, RateLimiter limiter, RateLimitSettings settings,
                                   RateLimitFilter rateLimits, JsonMapper json) {
        this.forwarder = forwarder;
        this.limiter = limiter;
        this.settings = settings;
        this.rateLimits = rateLimits;
        this.json = json;
    }

    @Post("/api/v1/auth/register")
    @Operation(summary = "Create an account: {email, password, full_name} → 201 with tokens; 409 if the email exists, 422 if weak")
    public HttpResponse<?> register(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return perAccount(request, body, "email");
    }

    @Post("/api/v1/auth/login")
    @Operation(summary = "Sign in: {email, password} → tokens; 401 on bad credentials")
    public HttpResponse<?> login(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return perAccount(request, body, "email");
    }

    @Post("/api/v1/auth/refresh")
    @Operation(summary = "Exchange a refresh token for a new pair; the old one stops working")
    public HttpResponse<?> refresh(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return perAccount(request, body, "refresh_token");
    }

    @Post("/api/v1/auth/logout")
    @Operation(summary = "Revoke the refresh token family and the current access token → 204")
    public HttpResponse<?> logout(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return forwarder.forward(request, body);
    }

    @Get("/api/v1/auth/me")
    @Operation(summary = "The current user")
    public HttpResponse<?> me(HttpRequest<?> request) {
        return forwarder.forward(request, null);
    }

    @Post("/api/v1/api-keys")
    @Operation(summary = "Create an API key: {name} → 201 with the key, shown this once")
    public HttpResponse<?> createApiKey(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return forwarder.forward(request, body);
    }

    @Get("/api/v1/api-keys")
    @Operation(summary = "The caller's API keys, without secrets (?limit=&cursor=)")
    public HttpResponse<?> listApiKeys(HttpRequest<?> request) {
        return forwarder.forward(request, null);
    }

    @Delete("/api/v1/api-keys/{id}")
    @Operation(summary = "Revoke an API key → 204")
    public HttpResponse<?> revokeApiKey(HttpRequest<?> request, @PathVariable String id) {
        return forwarder.forward(request, null);
    }

    @Get("/.well-known/jwks.json")
    @Operation(summary = "Public keys that verify access tokens")
    public HttpResponse<?> jwks(HttpRequest<?> request) {
        return forwarder.forward(request, null);
    }

    private HttpResponse<?> perAccount(HttpRequest<?> request, @Nullable byte[] body, String accountField) {
        String account = accountOf(body, accountField);
        if (account != null) {
            RateLimiter.Decision decision = limiter.acquire("account:" + account, settings.getAuthPerAccountPerMinute());
            if (!decision.allowed()) {
                return rateLimits.tooMany(request, decision);
            }
        }
        return forwarder.forward(request, body);
    }

    /** The account a session request is about, if the body says; a malformed body is auth-service's to refuse. */
    @Nullable
    private String accountOf(@Nullable byte[] body, String field) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            Object value = json.readValue(body, Map.class).get(field);
            return value instanceof String text ? text.strip().toLowerCase(Locale.ROOT) : null;
        } catch (Exception e) {
            return null;
        }
    }
}
