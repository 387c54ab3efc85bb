package io.mockfactory.auth;

import io.mockfactory.localstack.SharedInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static io.mockfactory.auth.AuthApi.bearer;
import static io.mockfactory.auth.AuthApi.field;
import static io.mockfactory.auth.AuthApi.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountsIT {
    private static final String PASSWORD = "correct-Horse-battery-9";
    private static AuthApi api;

    @BeforeAll
    static void start() {
        api = new AuthApi();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void shouldRegisterWithTokensAndTheBeginnerTier() throws Exception {
        String email = uniqueEmail();
        HttpResponse<String> response = api.register(email, PASSWORD);

        assertEquals(201, response.statusCode(), response.body());
        assertTrue(field(response.body(), "id").startsWith("usr_"));
        assertEquals("beginner", field(response.body(), "tier"));
        assertEquals("bearer", field(response.body(), "token_type"));
        assertTrue(response.body().contains("\"expires_in\":900"), response.body());
        assertFalse(response.body().contains(PASSWORD));

        HttpResponse<String> me = api.get("/api/v1/auth/me", "Authorization", bearer(field(response.body(), "access_token")));
        assertEquals(200, me.statusCode(), me.body());
        assertEquals(email, field(me.body(), "email"));
        assertEquals("Ada Lovelace", field(me.body(), "full_name"));
    }

    @Test
    void shouldRefuseADuplicateEmailWhateverItsCase() throws Exception {
        String email = uniqueEmail();
        assertEquals(201, api.register(email, PASSWORD).statusCode());
        HttpResponse<String> again = api.register("  " + email.toUpperCase() + " ", PASSWORD);
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("application/problem+json", again.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void shouldRefuseWeakPasswordsAndBadEmailsWithFieldErrors() throws Exception {
        HttpResponse<String> shortPassword = api.register(uniqueEmail(), "short1!");
        assertEquals(422, shortPassword.statusCode());
        assertTrue(shortPassword.body().contains("\"field\":\"password\""), shortPassword.body());

        HttpResponse<String> common = api.register(uniqueEmail(), "Password1234");
        assertEquals(422, common.statusCode());
        assertTrue(common.body().contains("commonly used"), common.body());

        HttpResponse<String> badEmail = api.register("not-an-email", PASSWORD);
        assertEquals(422, badEmail.statusCode());
        assertTrue(badEmail.body().contains("\"field\":\"email\""), badEmail.body());

        HttpResponse<String> malformed = api.post("/api/v1/auth/register", "{\"email\": ");
        assertEquals(400, malformed.statusCode());
    }

    @Test
    void shouldAnswerLoginFailuresTheSameWayWhetherOrNotTheEmailExists() throws Exception {
        String email = uniqueEmail();
        api.register(email, PASSWORD);

        HttpResponse<String> ok = api.post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, ok.statusCode(), ok.body());
        field(ok.body(), "access_token");

        HttpResponse<String> wrongPassword = api.post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"nope-nope-nope\"}");
        HttpResponse<String> unknownEmail = api.post("/api/v1/auth/login", "{\"email\":\"nobody-" + email + "\",\"password\":\"nope-nope-nope\"}");
        assertEquals(401, wrongPassword.statusCode());
        assertEquals(401, unknownEmail.statusCode());
        assertEquals(field(wrongPassword.body(), "detail"), field(unknownEmail.body(), "detail"));
    }

    @Test
    void shouldRotateRefreshTokensAndRevokeTheFamilyOnReuse() throws Exception {
        HttpResponse<String> registered = api.register(uniqueEmail(), PASSWORD);
        String first = field(registered.body(), "refresh_token");

        HttpResponse<String> rotated = api.post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + first + "\"}");
        assertEquals(200, rotated.statusCode(), rotated.body());
        String second = field(rotated.body(), "refresh_token");
        assertNotEquals(first, second);

        HttpResponse<String> reused = api.post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + first + "\"}");
        assertEquals(401, reused.statusCode());
        assertTrue(reused.body().contains("already used"), reused.body());

        HttpResponse<String> afterReuse = api.post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + second + "\"}");
        assertEquals(401, afterReuse.statusCode(), "reuse revokes the whole family, the newest token included");
    }

    @Test
    void shouldEndTheSignInOnLogout() throws Exception {
        HttpResponse<String> registered = api.register(uniqueEmail(), PASSWORD);
        String access = field(registered.body(), "access_token");
        String refresh = field(registered.body(), "refresh_token");

        HttpResponse<String> logout = api.post("/api/v1/auth/logout", "{\"refresh_token\":\"" + refresh + "\"}",
                "Authorization", bearer(access));
        assertEquals(204, logout.statusCode(), logout.body());

        assertEquals(401, api.get("/api/v1/auth/me", "Authorization", bearer(access)).statusCode());
        assertEquals(401, api.post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + refresh + "\"}").statusCode());
        assertTrue(outboxTypes().contains("AccessTokenRevoked"));
    }

    @Test
    void shouldNeverPutASecretInAnEvent() throws Exception {
        api.register(uniqueEmail(), PASSWORD);
        String events = outboxTypes() + outboxEnvelopes();
        assertTrue(events.contains("UserRegistered"));
        assertFalse(events.contains(PASSWORD));
        assertFalse(events.contains("argon2id"));
        assertFalse(events.contains("mfr_"));
    }

    @Test
    void shouldRefuseCallersWithoutTheInternalToken() throws Exception {
        assertEquals(401, api.getWithoutInternalToken("/api/v1/auth/me").statusCode());
        assertEquals(401, api.getWithoutInternalToken("/.well-known/jwks.json").statusCode());
        assertEquals(200, api.getWithoutInternalToken("/health").statusCode());
    }

    private static String outboxTypes() throws Exception {
        return query("SELECT string_agg(type, ',') FROM " + api.schema + ".outbox");
    }

    private static String outboxEnvelopes() throws Exception {
        return query("SELECT string_agg(envelope, ',') FROM " + api.schema + ".outbox");
    }

    private static String query(String sql) throws Exception {
        try (Connection connection = SharedInfrastructure.get().postgres().connect();
             Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return String.valueOf(rs.getString(1));
        }
    }
}
