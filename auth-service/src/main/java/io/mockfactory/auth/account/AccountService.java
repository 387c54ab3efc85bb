package io.mockfactory.auth.account;

import io.mockfactory.internal.account.Registered;
import io.mockfactory.internal.account.Tokens;
import io.mockfactory.internal.account.Me;
import io.mockfactory.auth.token.AccessTokens;
import io.mockfactory.auth.token.RefreshTokens;
import io.mockfactory.auth.token.RevokedAccessTokens;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.user.UserRegistered;
import io.mockfactory.kit.auth.AccessTokenClaims;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.outbox.OutboxWriter;
import io.mockfactory.kit.tier.Tiers;
import io.mockfactory.kit.web.Problem.FieldError;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Registration, login, token refresh and logout: each state change commits with its event. */
@Singleton
public class AccountService {
    private static final String BAD_CREDENTIALS = "The email or password is incorrect.";
    private static final String BEARER = "bearer";

    private final Transactions transactions;
    private final UserAccounts accounts;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final RevokedAccessTokens revoked;
    private final OutboxWriter outbox;

    public AccountService(Transactions transactions, UserAccounts accounts, PasswordHasher hasher, PasswordPolicy policy,
                          AccessTokens accessTokens, RefreshTokens refreshTokens, RevokedAccessTokens revoked,
                          OutboxWriter outbox) {
        this.transactions = transactions;
        this.accounts = accounts;
        this.hasher = hasher;
        this.policy = policy;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.revoked = revoked;
        this.outbox = outbox;
    }

    public Registered register(AccountMessages.RegisterRequest request) throws Exception {
        List<FieldError> errors = new ArrayList<>();
        Optional<String> email = EmailAddresses.normalize(request.email());
        if (email.isEmpty()) {
            errors.add(new FieldError("email", "must be a valid email address"));
        }
        String fullName = request.fullName() == null ? "" : request.fullName().strip();
        if (fullName.isEmpty() || fullName.length() > 200) {
            errors.add(new FieldError("full_name", "must be 1 to 200 characters"));
        }
        policy.problemWith(request.password(), email.orElse(null))
                .ifPresent(problem -> errors.add(new FieldError("password", problem)));
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The account details are not acceptable.", errors);
        }
        UserAccount account = new UserAccount(EventIds.newId("usr"), email.get(), fullName, hasher.hash(request.password()),
                Tiers.DEFAULT_TIER, Instant.now().truncatedTo(ChronoUnit.MICROS));
        String refreshToken = transactions.inTransaction(tx -> {
            if (!accounts.insert(tx, account)) {
                throw new ProblemException(ProblemType.CONFLICT, "An account with this email already exists.");
            }
            outbox.append(tx, EventEnvelope.of(new UserRegistered(account.email(), account.fullName(), account.tier()))
                    .withUserId(account.id()));
            return refreshTokens.issueNewFamily(tx, account.id());
        });
        AccessTokens.IssuedToken access = accessTokens.issue(account.id(), account.tier());
        return new Registered(account.id(), account.email(), account.fullName(), account.tier(), access.token(),
                refreshToken, BEARER, accessTokens.ttlSeconds());
    }

    public Tokens login(AccountMessages.LoginRequest request) throws Exception {
        Optional<String> email = EmailAddresses.normalize(request.email());
        String password = request.password() == null ? "" : request.password();
        Optional<UserAccount> account = email.isEmpty() ? Optional.empty()
                : transactions.inTransaction(tx -> accounts.findByEmail(tx, email.get()));
        boolean valid = account.isPresent() ? hasher.matches(password, account.get().passwordHash())
                : hasher.matchesNothing(password);
        if (!valid) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, BAD_CREDENTIALS);
        }
        String refreshToken = transactions.inTransaction(tx -> refreshTokens.issueNewFamily(tx, account.get().id()));
        return tokens(account.get(), refreshToken);
    }

    public Tokens refresh(AccountMessages.RefreshRequest request) throws Exception {
        RefreshTokens.Rotation rotation = transactions.inTransaction(tx -> refreshTokens.rotate(tx, request.refreshToken()));
        if (rotation instanceof RefreshTokens.Rotation.Rotated rotated) {
            UserAccount account = transactions.inTransaction(tx -> accounts.findById(tx, rotated.userId())).orElseThrow();
            return tokens(account, rotated.newToken());
        }
        boolean reuse = ((RefreshTokens.Rotation.Refused) rotation).reuseDetected();
        throw new ProblemException(ProblemType.UNAUTHORIZED, reuse
                ? "This refresh token was already used; every token of its sign-in has been revoked. Sign in again."
                : "The refresh token is invalid or expired.");
    }

    /** Ends the sign-in: the refresh token's family and the access token presented with the request. */
    public void logout(AccessTokenClaims caller, String refreshToken) throws Exception {
        transactions.inTransaction(tx -> {
            refreshTokens.revokeFamilyOf(tx, refreshToken);
            if (caller.jti() != null) {
                revoked.revoke(tx, caller);
            }
            return null;
        });
    }

    public Me me(String userId) throws Exception {
        UserAccount account = transactions.inTransaction(tx -> accounts.findById(tx, userId))
                .orElseThrow(() -> new ProblemException(ProblemType.UNAUTHORIZED, "The account no longer exists."));
        return new Me(account.id(), account.email(), account.fullName(), account.tier(), account.createdAt());
    }

    private Tokens tokens(UserAccount account, String refreshToken) throws Exception {
        AccessTokens.IssuedToken access = accessTokens.issue(account.id(), account.tier());
        return new Tokens(access.token(), refreshToken, BEARER, accessTokens.ttlSeconds());
    }
}
