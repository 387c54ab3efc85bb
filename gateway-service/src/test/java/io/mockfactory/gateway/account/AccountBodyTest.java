package io.mockfactory.gateway.account;

import io.micronaut.json.JsonMapper;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AccountBodyTest {
    private final JsonMapper json = JsonMapper.createDefault();

    private ProblemException refusal(AccountBody shape, String body) {
        return assertThrows(ProblemException.class, () -> shape.check(body.getBytes(StandardCharsets.UTF_8), json));
    }

    @Test
    void shouldRefuseANulInTheLoginEmailBeforeAuthServiceSeesIt() {
        ProblemException refused = refusal(AccountBody.LOGIN, "{\"email\":\"a\\u0000@b.co\",\"password\":\"x\"}");
        assertEquals(ProblemType.MALFORMED_REQUEST, refused.type());
        assertEquals("email", refused.errors().get(0).field());
    }

    @Test
    void shouldRefuseFieldsOfTheWrongTypeOrLength() {
        ProblemException refused = refusal(AccountBody.REGISTER, "{\"email\":1,\"password\":\"" + "p".repeat(1025)
                + "\",\"full_name\":false}");
        assertEquals(ProblemType.VALIDATION_FAILED, refused.type());
        assertEquals(3, refused.errors().size(), refused.errors().toString());
    }

    @Test
    void shouldPassAWellTypedBodyOn() {
        assertEquals("Ada", AccountBody.REGISTER.check("{\"email\":\"a@b.co\",\"password\":\"x\",\"full_name\":\"Ada\"}"
                .getBytes(StandardCharsets.UTF_8), json).get("full_name"));
    }
}
