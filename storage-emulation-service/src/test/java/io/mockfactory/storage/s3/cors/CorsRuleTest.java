package io.mockfactory.storage.s3.cors;

import io.mockfactory.storage.s3.S3Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which cross-origin requests a CORS rule allows, and the headers an allowed one is answered with. */
class CorsRuleTest {
    private static CorsRule rule(List<String> origins, List<String> methods, List<String> headers) {
        return new CorsRule(null, origins, methods, headers, List.of(), null);
    }

    @ParameterizedTest(name = "{0} / {1}: {2}")
    @CsvSource({
            "*, https://example.com, true",
            "*, null, true",
            "https://example.com, https://example.com, true",
            "https://example.com, http://example.com, false",
            "https://example.com, https://example.com:8443, false",
            "https://example.com, https://www.example.com, false",
            "https://*.example.com, https://www.example.com, true",
            "https://*.example.com, https://a.b.example.com, true",
            "https://*.example.com, https://example.com, false",
            "https://*.example.com, https://www.example.com.evil, false",
            "https://*.example.com, https://WWW.example.com, true",
            "http://127.0.0.1:*, http://127.0.0.1:39211, true",
            "http://127.0.0.1:*, http://localhost:39211, false",
            "http*://example.com, https://example.com, true",
            "http*://example.com, ftp://example.com, false",
            "https://a*a, https://aa, true",
            "https://a*a, https://a, false",
            "prefix*, prefix, true",
            "prefix*, x.prefix, false",
            // An origin compares as text, case included, as S3 compares it
            "https://example.com, https://EXAMPLE.com, false",
            "https://Example.com, https://Example.com, true",
            "HTTPS://*.example.com, https://www.example.com, false",
    })
    void shouldMatchOriginsWithOneWildcardCaseSensitively(String pattern, String origin, boolean matches) {
        assertEquals(matches, rule(List.of(pattern), List.of("GET"), List.of()).matches(origin, "GET", List.of()));
    }

    @Test
    void shouldMatchAnyOfTheRulesOrigins() {
        CorsRule rule = rule(List.of("https://a.example", "https://*.b.example"), List.of("GET"), List.of());
        assertTrue(rule.matches("https://a.example", "GET", List.of()));
        assertTrue(rule.matches("https://x.b.example", "GET", List.of()));
        assertFalse(rule.matches("https://c.example", "GET", List.of()));
    }

    @Test
    void shouldAllowOnlyTheRulesMethodsExactly() {
        CorsRule rule = rule(List.of("*"), List.of("GET", "PUT"), List.of());
        assertTrue(rule.matches("https://x", "PUT", List.of()));
        assertFalse(rule.matches("https://x", "DELETE", List.of()));
        assertFalse(rule.matches("https://x", "put", List.of()), "methods are case-sensitive");
        assertFalse(rule.matches("https://x", "OPTIONS", List.of()));
    }

    @ParameterizedTest(name = "{0} / {1}: {2}")
    @CsvSource(delimiter = ';', value = {
            "'';'';true",
            "'';content-type;false",
            "content-type;content-type;true",
            "content-type;content-type,x-amz-date;false",
            "content-type,x-amz-date;x-amz-date,content-type;true",
            "Content-Type;content-type;true",
            "CONTENT-TYPE;Content-Type;true",
            "X-Amz-*;x-amz-date;true",
            "x-amz-*;X-AMZ-META-NAME;true",
            "x-amz-*;x-amz-;true",
            "x-amz-*;x-amz;false",
            "x-amz-*;x-amzn-trace-id;false",
            "x-amz-*;x-amz-date,content-type;false",
            "*;content-type,authorization,x-custom;true",
            "*-type;content-type;true",
            "x-*-id;x-request-id;true",
            "x-*-id;x-id;false",
    })
    void shouldMatchEveryRequestedHeaderCaseInsensitively(String allowed, String requested, boolean matches) {
        CorsRule rule = rule(List.of("*"), List.of("PUT"), split(allowed));
        assertEquals(matches, rule.matches("https://x", "PUT", split(requested)));
    }

    @Test
    void shouldAnswerTheOriginWithCredentialsUnlessTheRuleAllowsAnyOrigin() {
        CorsRule site = new CorsRule("site", List.of("https://*.example.com"), List.of("GET", "PUT"), List.of("*"),
                List.of("ETag", "x-amz-request-id"), 3000);
        S3Response answer = S3Response.ok();
        CorsHeaders.add(answer, site, "https://app.example.com", List.of("content-type", "x-amz-date"));
        assertEquals("https://app.example.com", answer.headers().get("Access-Control-Allow-Origin"));
        assertEquals("GET, PUT", answer.headers().get("Access-Control-Allow-Methods"));
        assertEquals("content-type, x-amz-date", answer.headers().get("Access-Control-Allow-Headers"));
        assertEquals("ETag, x-amz-request-id", answer.headers().get("Access-Control-Expose-Headers"));
        assertEquals("3000", answer.headers().get("Access-Control-Max-Age"));
        assertEquals("true", answer.headers().get("Access-Control-Allow-Credentials"));
        assertEquals("Origin, Access-Control-Request-Headers, Access-Control-Request-Method", answer.headers().get("Vary"));

        CorsRule open = new CorsRule(null, List.of("https://example.com", "*"), List.of("GET"), List.of(), List.of(), null);
        S3Response public_ = S3Response.ok();
        CorsHeaders.add(public_, open, "https://example.com", List.of());
        assertEquals("*", public_.headers().get("Access-Control-Allow-Origin"), "a rule listing * answers *");
        assertNull(public_.headers().get("Access-Control-Allow-Credentials"), "browsers refuse credentials with *");
        assertNull(public_.headers().get("Access-Control-Expose-Headers"), "nothing beyond the safelisted headers: no ETag");
        assertNull(public_.headers().get("Access-Control-Max-Age"));
        assertNull(public_.headers().get("Access-Control-Allow-Headers"));
    }

    @Test
    void shouldReadTheRequestedHeadersAsS3EchoesThem() {
        assertEquals(List.of("content-type", "x-amz-date", "x-amz-meta-name"),
                CorsHeaders.requested("Content-Type,X-Amz-Date ,  x-amz-meta-Name"));
        assertEquals(List.of(), CorsHeaders.requested(" , ,"));
        assertEquals(List.of(), CorsHeaders.requested(null));
    }

    private static List<String> split(String names) {
        return names.isEmpty() ? List.of() : List.of(names.split(","));
    }
}
