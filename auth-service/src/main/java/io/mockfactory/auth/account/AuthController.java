package io.mockfactory.auth.account;

import io.mockfactory.internal.account.Registered;
import io.mockfactory.internal.account.Tokens;
import io.mockfactory.internal.account.Me;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.auth.account.AccountMessages.LoginRequest;
import io.mockfactory.auth.account.AccountMessages.RefreshRequest;
import io.mockfactory.auth.account.AccountMessages.RegisterRequest;
import io.mockfactory.auth.caller.Callers;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import io.mockfactory.kit.web.StorableText;

@Controller("/api/v1/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthController {
    private final AccountService accounts;
    private final Callers callers;

    public AuthController(AccountService accounts, Callers callers) {
        this.accounts = accounts;
        this.callers = callers;
    }

    @Post("/register")
    public HttpResponse<Registered> register(@Nullable @Body RegisterRequest request) throws Exception {
        RegisterRequest body = required(request);
        StorableText.require("email", body.email());
        StorableText.require("password", body.password());
        StorableText.require("full_name", body.fullName());
        return HttpResponse.status(HttpStatus.CREATED).body(accounts.register(body));
    }

    @Post("/login")
    public Tokens login(@Nullable @Body LoginRequest request) throws Exception {
        LoginRequest body = required(request);
        StorableText.require("email", body.email());
        StorableText.require("password", body.password());
        return accounts.login(body);
    }

    @Post("/refresh")
    public Tokens refresh(@Nullable @Body RefreshRequest request) throws Exception {
        RefreshRequest body = required(request);
        StorableText.require("refresh_token", body.refreshToken());
        return accounts.refresh(body);
    }

    @Post("/logout")
    public HttpResponse<Void> logout(HttpRequest<?> request, @Nullable @Body RefreshRequest body) throws Exception {
        String refreshToken = body == null ? null : body.refreshToken();
        StorableText.require("refresh_token", refreshToken);
        accounts.logout(callers.require(request), refreshToken);
        return HttpResponse.noContent();
    }

    @Get("/me")
    public Me me(HttpRequest<?> request) throws Exception {
        return accounts.me(callers.require(request).userId());
    }

    private static <T> T required(@Nullable T body) {
        if (body == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "A JSON body is required.");
        }
        return body;
    }
}
