package io.mockfactory.storage.s3.access;

import io.mockfactory.storage.s3.S3Request;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConditionKeysTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static S3Request request(String uri) {
        return new S3Request("GET", uri, new DefaultHttpHeaders().set("X-Forwarded-For", "203.0.113.7, 10.0.0.1")
                .set("X-Forwarded-Proto", "https").set("x-amz-tagging", "team=qa&env=ci")
                .set("Authorization", "AWS4-HMAC-SHA256 Credential=…"), InputStream.nullInputStream(), "t");
    }

    @Test
    void shouldTrustForwardedHeadersOnlyBehindTheProxy() {
        RequestContext direct = ConditionKeys.of(request("/b"), Principal.ANONYMOUS, NOW, Map.of(), false);
        assertEquals(List.of(), direct.values("aws:SourceIp"), "a client cannot claim an address by a header");
        assertEquals(List.of("false"), direct.values("aws:SecureTransport"));

        RequestContext proxied = ConditionKeys.of(request("/b"), Principal.ANONYMOUS, NOW, Map.of(), true);
        assertEquals(List.of("203.0.113.7"), proxied.values("aws:SourceIp"), "the client nginx saw");
        assertEquals(List.of("true"), proxied.values("aws:SecureTransport"));
    }

    @Test
    void shouldCarryTheRequestsS3Keys() {
        RequestContext keys = ConditionKeys.of(request("/b?prefix=logs%2F&delimiter=%2F&max-keys=5"),
                Principal.of("env_a", "AKIAEXAMPLE"), NOW, Map.of("stage", "final"), false);
        assertEquals(List.of("logs/"), keys.values("s3:prefix"));
        assertEquals(List.of("/"), keys.values("s3:delimiter"));
        assertEquals(List.of("5"), keys.values("s3:max-keys"));
        assertEquals(List.of("final"), keys.values("s3:ExistingObjectTag/stage"));
        assertEquals(List.of("qa"), keys.values("s3:RequestObjectTag/team"));
        assertEquals(List.of("team", "env"), keys.values("s3:RequestObjectTagKeys"));
        assertEquals(List.of("REST-HEADER"), keys.values("s3:authType"));
        assertEquals(List.of("AWS4-HMAC-SHA256"), keys.values("s3:signatureversion"));
        assertEquals(List.of(Identities.accountId("env_a")), keys.values("aws:PrincipalAccount"));
        assertEquals(List.of("2026-12-01T12:00:00Z"), keys.values("aws:CurrentTime"));
    }
}
