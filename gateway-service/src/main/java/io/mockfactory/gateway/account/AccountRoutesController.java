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
import io.mockfactory.kit.web.Page;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import io.mockfactory.events.EventIds;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.mockfactory.internal.account.CreatedApiKey;
import io.mockfactory.internal.account.Me;
import io.mockfactory.internal.account.Registered;
import io.mockfactory.internal.account.Tokens;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Locale;

/**
 * The account routes of the public API; auth-service owns them, the gateway adds the edge concerns (authentication,
 * rate limits, headers) and the per-account limit on the session endpoints, which needs the body.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Accounts")
public class AccountRoutesController {
    private static final String API_KEY_PREFIX = "key";

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
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Registered.class)))
    public HttpResponse<?> register(HttpRequest<?> request, @Nullable @Body
            @RequestBody(content = @Content(schema = @Schema(implementation = AccountBody.Register.class))) byte[] body) {
        return perAccount(request, body, AccountBody.REGISTER, "email");
    }

    @Post("/api/v1/auth/login")
    @Operation(summary = "Sign in: {email, password} → tokens; 401 on bad credentials")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Tokens.class)))
    public HttpResponse<?> login(HttpRequest<?> request, @Nullable @Body
            @RequestBody(content = @Content(schema = @Schema(implementation = AccountBody.Login.class))) byte[] body) {
        return perAccount(request, body, AccountBody.LOGIN, "email");
    }

    @Post("/api/v1/auth/refresh")
    @Operation(summary = "Exchange a refresh token for a new pair; the old one stops working")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Tokens.class)))
    public HttpResponse<?> refresh(HttpRequest<?> request, @Nullable @Body
            @RequestBody(content = @Content(schema = @Schema(implementation = AccountBody.Refresh.class))) byte[] body) {
        return perAccount(request, body, AccountBody.REFRESH, "refresh_token");
    }

    @Post("/api/v1/auth/logout")
    @Operation(summary = "Revoke the refresh token family and the current access token → 204")
    @ApiResponse(responseCode = "204", description = "Signed out")
    public HttpResponse<?> logout(HttpRequest<?> request, @Nullable @Body @RequestBody(required = false,
            content = @Content(schema = @Schema(implementation = AccountBody.Logout.class))) byte[] body) {
        if (body != null && body.length > 0) {
            AccountBody.LOGOUT.check(body, json);
        }
        return forwarder.forward(request, body);
    }

    @Get("/api/v1/auth/me")
    @Operation(summary = "The current user")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Me.class)))
    public HttpResponse<?> me(HttpRequest<?> request) {
        return forwarder.forward(request, null);
    }

    @Post("/api/v1/api-keys")
    @Operation(summary = "Create an API key: {name} → 201 with the key, shown this once")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = CreatedApiKey.class)))
    public HttpResponse<?> createApiKey(HttpRequest<?> request, @Nullable @Body
            @RequestBody(content = @Content(schema = @Schema(implementation = AccountBody.CreateApiKey.class))) byte[] body) {
        AccountBody.CREATE_API_KEY.check(body, json);
        return forwarder.forward(request, body);
    }

    @Get("/api/v1/api-keys")
    @Operation(summary = "The caller's API keys, without secrets (?limit=&cursor=)")
    public HttpResponse<?> listApiKeys(HttpRequest<?> request, @Nullable @QueryValue String limit,
                                       @Nullable @QueryValue String cursor) {
        Page.pageSize(limit);
        Page.requireCursor(cursor, API_KEY_PREFIX);
        return forwarder.forward(request, null);
    }

    @Delete("/api/v1/api-keys/{id}")
    @Operation(summary = "Revoke an API key → 204")
    @ApiResponse(responseCode = "204", description = "Revoked")
    public HttpResponse<?> revokeApiKey(HttpRequest<?> request, @PathVariable String id) {
        if (!EventIds.isWellFormed(API_KEY_PREFIX, id)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such API key.");
        }
        return forwarder.forward(request, null);
    }

    @Get("/.well-known/jwks.json")
    @Operation(summary = "Public keys that verify access tokens")
    public HttpResponse<?> jwks(HttpRequest<?> request) {
        return forwarder.forward(request, null);
    }

    private HttpResponse<?> perAccount(HttpRequest<?> request, @Nullable byte[] body, AccountBody shape, String accountField) {
        String account = shape.check(body, json).get(accountField);
        if (account != null) {
            account = account.strip().toLowerCase(Locale.ROOT);
            RateLimiter.Decision decision = limiter.acquire("account:" + account, settings.getAuthPerAccountPerMinute());
            if (!decision.allowed()) {
                return rateLimits.tooMany(request, decision);
            }
        }
        return forwarder.forward(request, body);
    }
}
