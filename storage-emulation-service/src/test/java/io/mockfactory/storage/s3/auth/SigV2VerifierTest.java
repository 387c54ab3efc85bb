package io.mockfactory.storage.s3.auth;

import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.S3Request;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The legacy signature's documented examples (boto3 still presigns S3 URLs this way by default). */
class SigV2VerifierTest {
    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final AccessKeyDirectory KEYS = id -> ACCESS_KEY.equals(id)
            ? Optional.of(new AccessKeyDirectory.AccessKey(ACCESS_KEY, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "env_example", "us-east-1", true))
            : Optional.empty();

    private static Authenticated verify(Instant now, String uri, HttpHeaders headers) {
        return new RequestAuthenticator(KEYS, Clock.fixed(now, ZoneOffset.UTC))
                .verify(new S3Request("GET", uri, headers, InputStream.nullInputStream(), "test"), "johnsmith");
    }

    @Test
    void shouldAcceptTheDocumentedHeaderSignature() {
        HttpHeaders headers = new DefaultHttpHeaders().add("Host", "johnsmith.s3.amazonaws.com")
                .add("Date", "Tue, 27 Mar 2007 19:36:42 +0000")
                .add("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU=");
        assertEquals("env_example", verify(Instant.parse("2007-03-27T19:40:00Z"), "/photos/puppy.jpg", headers).environmentId());
        assertEquals("SignatureDoesNotMatch", assertThrows(S3Exception.class, () ->
                verify(Instant.parse("2007-03-27T19:40:00Z"), "/photos/kitten.jpg", headers)).error().code());
    }

    @Test
    void shouldAcceptTheDocumentedQueryStringSignatureUntilItExpires() {
        String uri = "/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620";
        HttpHeaders headers = new DefaultHttpHeaders().add("Host", "johnsmith.s3.amazonaws.com");
        assertEquals(PayloadMode.UNSIGNED, verify(Instant.ofEpochSecond(1175139600), uri, headers).payloadMode());
        S3Exception expired = assertThrows(S3Exception.class, () -> verify(Instant.ofEpochSecond(1175139621), uri, headers));
        assertEquals("AccessDenied", expired.error().code());
        assertEquals("Request has expired", expired.getMessage());
    }
}
