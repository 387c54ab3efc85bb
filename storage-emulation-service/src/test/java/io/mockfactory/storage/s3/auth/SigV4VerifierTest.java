package io.mockfactory.storage.s3.auth;

import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.S3Request;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worked examples of AWS's "Signature Version 4 for Amazon S3" documentation, verified end to end. */
class SigV4VerifierTest {
    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant SIGNED_AT = Instant.parse("2013-05-24T00:00:00Z");
    private static final AccessKeyDirectory KEYS = id -> ACCESS_KEY.equals(id)
            ? Optional.of(new AccessKeyDirectory.AccessKey(ACCESS_KEY, SECRET, "env_example", "us-east-1", true))
            : Optional.empty();

    private static Verifier verifierAt(Instant now) {
        RequestAuthenticator authenticator = new RequestAuthenticator(KEYS, Clock.fixed(now, ZoneOffset.UTC));
        return request -> authenticator.verify(request, null);
    }

    private interface Verifier {
        Authenticated verify(S3Request request);
    }

    private static S3Request get(String uri, HttpHeaders headers) {
        return new S3Request("GET", uri, headers, InputStream.nullInputStream(), "test");
    }

    private static HttpHeaders getObjectHeaders(String signature) {
        return new DefaultHttpHeaders()
                .add("Host", "examplebucket.s3.amazonaws.com")
                .add("Range", "bytes=0-9")
                .add("x-amz-content-sha256", SigV4.EMPTY_SHA256)
                .add("x-amz-date", "20130524T000000Z")
                .add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=" + signature);
    }

    @Test
    void shouldAcceptTheDocumentedGetObjectSignature() {
        Authenticated auth = verifierAt(SIGNED_AT).verify(get("/test.txt",
                getObjectHeaders("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")));
        assertEquals("env_example", auth.environmentId());
        assertEquals(PayloadMode.SIGNED, auth.payloadMode());
    }

    @Test
    void shouldRefuseAnyChangeToTheSignedRequest() {
        S3Exception wrong = assertThrows(S3Exception.class, () -> verifierAt(SIGNED_AT).verify(get("/test2.txt",
                getObjectHeaders("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"))));
        assertEquals("SignatureDoesNotMatch", wrong.error().code());
    }

    @Test
    void shouldRefuseARequestOutsideTheClockSkewWindow() {
        S3Exception skewed = assertThrows(S3Exception.class, () -> verifierAt(SIGNED_AT.plusSeconds(16 * 60)).verify(get("/test.txt",
                getObjectHeaders("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"))));
        assertEquals("RequestTimeTooSkewed", skewed.error().code());
        verifierAt(SIGNED_AT.plusSeconds(14 * 60)).verify(get("/test.txt",
                getObjectHeaders("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")));
    }

    @Test
    void shouldAcceptTheDocumentedPresignedUrlUntilItExpires() {
        String uri = "/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
        HttpHeaders headers = new DefaultHttpHeaders().add("Host", "examplebucket.s3.amazonaws.com");
        assertEquals(PayloadMode.UNSIGNED, verifierAt(SIGNED_AT.plusSeconds(86_000)).verify(get(uri, headers)).payloadMode());
        S3Exception expired = assertThrows(S3Exception.class, () -> verifierAt(SIGNED_AT.plusSeconds(86_401)).verify(get(uri, headers)));
        assertEquals("AccessDenied", expired.error().code());
        assertEquals("Request has expired", expired.getMessage());
    }

    @Test
    void shouldTellAnonymousRequestsAndRefuseUnknownKeys() {
        // Anonymous is not refused here: access control decides, where an ACL or policy may grant anyone
        assertTrue(verifierAt(SIGNED_AT).verify(get("/test.txt", new DefaultHttpHeaders().add("Host", "x"))).anonymous());
        HttpHeaders unknown = getObjectHeaders("00").set("Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIAUNKNOWN/20130524/us-east-1/s3/aws4_request,SignedHeaders=host,Signature=00");
        assertEquals("InvalidAccessKeyId", assertThrows(S3Exception.class, () -> verifierAt(SIGNED_AT)
                .verify(get("/test.txt", unknown))).error().code());
    }

    /** The documented aws-chunked upload: 64 KiB + 1 KiB of 'a', each chunk signed in a chain from the seed signature. */
    @Test
    void shouldDecodeAndVerifyTheDocumentedSignedChunkedUpload() throws Exception {
        byte[] body = chunkedBody(
                "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
                "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
                "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9");
        Authenticated auth = verifierAt(SIGNED_AT).verify(chunkedPut(body));
        assertEquals(PayloadMode.STREAMING_SIGNED, auth.payloadMode());
        byte[] decoded = new AwsChunkedInputStream(new ByteArrayInputStream(body), auth).readAllBytes();
        byte[] expected = new byte[66_560];
        Arrays.fill(expected, (byte) 'a');
        assertArrayEquals(expected, decoded);
    }

    @Test
    void shouldRefuseATamperedChunk() throws Exception {
        byte[] body = chunkedBody(
                "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
                "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
                "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9");
        Authenticated auth = verifierAt(SIGNED_AT).verify(chunkedPut(body));
        int firstDataByte = "10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n".length();
        body[firstDataByte + 100] = 'b';
        S3Exception tampered = assertThrows(S3Exception.class, () ->
                new AwsChunkedInputStream(new ByteArrayInputStream(body), auth).readAllBytes());
        assertEquals("SignatureDoesNotMatch", tampered.error().code());
    }

    @Test
    void shouldReadTheUnsignedTrailerVariant() throws Exception {
        String body = "5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n";
        Authenticated auth = new Authenticated("env", ACCESS_KEY, PayloadMode.STREAMING_UNSIGNED_TRAILER, null, null,
                "20130524T000000Z", "scope", null);
        AwsChunkedInputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)), auth);
        assertEquals("hello world", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals("DUoRhQ==", in.trailers().get("x-amz-checksum-crc32"));
    }

    private static S3Request chunkedPut(byte[] body) {
        HttpHeaders headers = new DefaultHttpHeaders()
                .add("Host", "s3.amazonaws.com")
                .add("x-amz-date", "20130524T000000Z")
                .add("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .add("Content-Encoding", "aws-chunked")
                .add("x-amz-decoded-content-length", "66560")
                .add("Content-Length", String.valueOf(body.length))
                .add("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
                .add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                        + "SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
                        + "x-amz-decoded-content-length;x-amz-storage-class,"
                        + "Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9");
        return new S3Request("PUT", "/examplebucket/chunkObject.txt", headers, new ByteArrayInputStream(body), "test");
    }

    private static byte[] chunkedBody(String first, String second, String last) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeChunk(out, 65_536, first);
        writeChunk(out, 1024, second);
        writeChunk(out, 0, last);
        return out.toByteArray();
    }

    private static void writeChunk(ByteArrayOutputStream out, int size, String signature) {
        out.writeBytes((Integer.toHexString(size) + ";chunk-signature=" + signature + "\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) 'a');
        out.writeBytes(data);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
