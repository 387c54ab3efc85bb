package io.mockfactory.storage;

import io.mockfactory.storage.s3.RawHttp;
import io.mockfactory.storage.s3.RawHttp.Answer;
import io.mockfactory.storage.s3.RawHttp.Outcome;
import io.mockfactory.storage.s3.auth.TestSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests a probe sent to hurt the service (issue "One tenant's bad request must never hurt another"): each is
 * answered as S3 answers it, in time, and leaves nothing behind.
 */
class S3HostileRequestsIT extends HostileStorageIT {
    static final Duration BODY_READ_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long TOO_LARGE = 5L * 1024 * 1024 * 1024 + 1;

    private static TestSigner signer;

    @BeforeAll
    static void start() throws Exception {
        startStorage(BODY_READ_TIMEOUT, "hostile");
        signer = new TestSigner(keys.accessKeyId(), keys.secretAccessKey(), "us-east-1");
    }

    private static String host() {
        return "localhost:" + storage.s3Port;
    }

    private static String signedHead(String method, String uri, String payloadHash, List<Map.Entry<String, String>> signed,
                                     List<Map.Entry<String, String>> unsigned) {
        return signer.sign(method, uri, host(), payloadHash, signed).head(method, uri, unsigned);
    }

    @Test
    void shouldSendTheWholeObjectForARangeThatIsNotOne() throws Exception {
        s3.putObject(p -> p.bucket(bucket).key("digits"), RequestBody.fromString("0123456789"));
        for (String range : List.of("bytes=--1", "bytes=--5", "bytes=-+3", "bytes=+1-2", "bytes=1-2,", "bytes=0x1-2",
                "bytes=99999999999999999999-")) {
            try (RawHttp http = new RawHttp(storage.s3Port)) {
                Answer answer = http.send(signedHead("GET", "/" + bucket + "/digits", "UNSIGNED-PAYLOAD", List.of(),
                        List.of(Map.entry("Range", range)))).read("GET", WAIT);
                assertEquals(200, answer.status(), range + ": " + answer);
                assertEquals("0123456789", answer.text(), range);
            }
        }
        assertEquals("0123456789", s3.getObjectAsBytes(g -> g.bucket(bucket).key("digits").range("bytes=--1")).asUtf8String());
        assertEquals("89", s3.getObjectAsBytes(g -> g.bucket(bucket).key("digits").range("bytes=-2")).asUtf8String());
    }

    @Test
    void shouldAnswerRequestTimeoutToAStalledSignedUploadAndKeepNothing() throws Exception {
        byte[] intended = new byte[100];
        String head = signedHead("PUT", "/" + bucket + "/stalled-signed", TestSigner.sha256Hex(intended),
                List.of(Map.entry("Content-Length", "100")), List.of());
        assertStallAnsweredAndNothingKept("stalled-signed", head);
    }

    @Test
    void shouldAnswerRequestTimeoutToAStalledPresignedUploadAndKeepNothing() throws Exception {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(storage.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            URI url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(put -> put.bucket(bucket).key("stalled-presigned"))).url().toURI();
            String head = "PUT " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: " + host()
                    + "\r\nContent-Length: 100\r\n\r\n";
            assertStallAnsweredAndNothingKept("stalled-presigned", head);
        }
    }

    private static void assertStallAnsweredAndNothingKept(String key, String head) throws Exception {
        long blobsBefore = blobFiles();
        try (RawHttp http = new RawHttp(storage.s3Port)) {
            long start = System.nanoTime();
            Answer answer = http.send(head + "0123456789").finalAnswer("PUT", WAIT);
            assertEquals(Outcome.ANSWERED, answer.outcome(), "a stalled body is answered, not waited for forever");
            assertEquals(400, answer.status(), answer.toString());
            assertTrue(answer.text().contains("<Code>RequestTimeout</Code>"), answer.text());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(BODY_READ_TIMEOUT) >= 0);
            assertTrue(http.closedWithin(WAIT), "the connection is closed after the timeout");
        }
        assertThrows(NoSuchKeyException.class, () -> s3.getObject(g -> g.bucket(bucket).key(key)), "nothing committed");
        assertEquals(blobsBefore, blobFiles(), "no blob left behind");
        try (Stream<Path> partial = Files.list(storage.blobRoot.resolve(".tmp"))) {
            assertEquals(0, partial.count(), "no partial upload left behind");
        }
    }

    @Test
    void shouldRefuseAnUploadThatCanNeverBeAcceptedBeforeItsBodyIsSent() throws Exception {
        String upload = s3.createMultipartUpload(c -> c.bucket(bucket).key("huge-part")).uploadId();
        List<String> uris = List.of("/" + bucket + "/huge", "/" + bucket + "/huge-part?partNumber=1&uploadId=" + upload);
        for (String uri : uris) {
            for (boolean expectContinue : new boolean[]{true, false}) {
                List<Map.Entry<String, String>> unsigned = expectContinue ? List.of(Map.entry("Expect", "100-continue")) : List.of();
                assertRefusedUnread(uri + " (expect " + expectContinue + ")", signedHead("PUT", uri, "UNSIGNED-PAYLOAD",
                        List.of(Map.entry("Content-Length", String.valueOf(TOO_LARGE))), unsigned));
                assertRefusedUnread(uri + " aws-chunked (expect " + expectContinue + ")", signedHead("PUT", uri,
                        "STREAMING-UNSIGNED-PAYLOAD-TRAILER", List.of(Map.entry("Content-Length", "1000"),
                                Map.entry("Content-Encoding", "aws-chunked"),
                                Map.entry("x-amz-decoded-content-length", String.valueOf(TOO_LARGE))), unsigned));
            }
        }
        assertThrows(NoSuchKeyException.class, () -> s3.getObject(g -> g.bucket(bucket).key("huge")));
        assertTrue(s3.listParts(l -> l.bucket(bucket).key("huge-part").uploadId(upload)).parts().isEmpty());
    }

    /** Answered EntityTooLarge from the head alone: first thing back (never 100 Continue), then the connection closes. */
    private static void assertRefusedUnread(String what, String head) throws IOException {
        try (RawHttp http = new RawHttp(storage.s3Port)) {
            Answer answer = http.send(head).read("PUT", WAIT);
            assertEquals(400, answer.status(), what + ": " + answer);
            assertTrue(answer.text().contains("<Code>EntityTooLarge</Code>"), what + ": " + answer.text());
            assertTrue(http.closedWithin(WAIT), what + ": the unread body is not waited for");
        }
    }

    @Test
    void shouldRefuseReservedAndMalformedBucketNames() throws Exception {
        for (String name : List.of("xn--reserved", "sthree-reserved", "amzn-s3-demo-reserved", "reserved-s3alias",
                "reserved--ol-s3", "reserved.mrap", "reserved--x-s3", "reserved--table-s3", "10.0.0.1", "double..dot",
                "-leading", "trailing-", "ab", "x".repeat(64))) {
            try (RawHttp http = new RawHttp(storage.s3Port)) {
                Answer answer = http.send(signedHead("PUT", "/" + name, "UNSIGNED-PAYLOAD",
                        List.of(Map.entry("Content-Length", "0")), List.of())).read("PUT", WAIT);
                assertEquals(400, answer.status(), name + ": " + answer);
                assertTrue(answer.text().contains("<Code>InvalidBucketName</Code>"), name + ": " + answer.text());
            }
        }
        assertTrue(s3.listBuckets().buckets().stream().noneMatch(b -> b.name().startsWith("xn--") || b.name().endsWith("--x-s3")));
    }

    @Test
    void shouldNotStoreABodyWhoseChunkedFramingIsBroken() throws Exception {
        String uri = "/" + bucket + "/broken-framing";
        try (RawHttp http = new RawHttp(storage.s3Port)) {
            Answer answer = http.send(signedHead("PUT", uri, "UNSIGNED-PAYLOAD", List.of(),
                    List.of(Map.entry("Transfer-Encoding", "chunked"))) + "5\r\nhello\r\nnot-hex\r\nworld\r\n0\r\n\r\n")
                    .finalAnswer("PUT", WAIT);
            assertEquals(400, answer.status(), answer.toString());
            assertTrue(http.closedWithin(WAIT));
        }
        assertThrows(NoSuchKeyException.class, () -> s3.getObject(g -> g.bucket(bucket).key("broken-framing")),
                "a truncated body is not stored as the object");
    }

    /** Found by S3RequestFuzzIT: each used to be an InternalError (PostgreSQL refuses U+0000 in text). */
    @Test
    void shouldRefuseANulCharacterAsTheClientsMistake() throws Exception {
        String token = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("a\0b".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("/" + bucket + "?prefix=%00", "InvalidArgument");
        expected.put("/" + bucket + "?list-type=2&start-after=a%00", "InvalidArgument");
        expected.put("/" + bucket + "?list-type=2&continuation-token=" + token, "InvalidArgument");
        expected.put("/" + bucket + "?uploads&key-marker=%00", "InvalidArgument");
        expected.put("/" + bucket + "/key?uploadId=%00", "InvalidArgument");
        expected.put("/a%00b/key", "InvalidBucketName");
        expected.put("/%00", "InvalidBucketName");
        for (Map.Entry<String, String> request : expected.entrySet()) {
            assertRefused("GET", request.getKey(), List.of(), request.getValue());
        }
        assertRefused("PUT", "/" + bucket + "/copy", List.of(Map.entry("x-amz-copy-source", "/" + bucket + "/a%00b")), "InvalidArgument");
        assertRefused("PUT", "/" + bucket + "/copy", List.of(Map.entry("x-amz-copy-source", "/a%00b/key")), "InvalidArgument");
        try (RawHttp http = new RawHttp(storage.s3Port)) {
            Answer presigned = http.send("GET /" + bucket + "/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=%00%2F20200101"
                    + "%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20200101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host"
                    + "&X-Amz-Signature=00 HTTP/1.1\r\nHost: " + host() + "\r\n\r\n").read("GET", WAIT);
            assertEquals(400, presigned.status(), "an unauthenticated request cannot cause an internal error: " + presigned);
        }
    }

    /** Found by S3RequestFuzzIT: a line break in a response-* override was an InternalError (and a header injection). */
    @Test
    void shouldRefuseAResponseOverrideThatIsNoHeaderValue() throws Exception {
        s3.putObject(p -> p.bucket(bucket).key("overridden"), RequestBody.fromString("x"));
        for (String value : List.of("%0d%0aX-Injected:%20yes", "%0a", "%00", "%20leading", "a%7fb")) {
            assertRefused("GET", "/" + bucket + "/overridden?response-content-type=" + value, List.of(), "InvalidArgument");
        }
        assertEquals("text/csv", s3.getObject(g -> g.bucket(bucket).key("overridden").responseContentType("text/csv"))
                .response().contentType(), "a valid override still works");
    }

    /** The region is stored and answered back as the x-amz-bucket-region header on every HeadBucket. */
    @Test
    void shouldRefuseALocationConstraintThatIsNoRegion() throws Exception {
        String name = "region-" + Long.toHexString(System.nanoTime());
        byte[] body = "<CreateBucketConfiguration><LocationConstraint>eu&#10;west</LocationConstraint></CreateBucketConfiguration>"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (RawHttp http = new RawHttp(storage.s3Port)) {
            Answer answer = http.send(signedHead("PUT", "/" + name, "UNSIGNED-PAYLOAD", List.of(),
                    List.of(Map.entry("Content-Length", String.valueOf(body.length)))) + new String(body, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .read("PUT", WAIT);
            assertEquals(400, answer.status(), answer.toString());
            assertTrue(answer.text().contains("<Code>InvalidLocationConstraint</Code>"), answer.text());
        }
        assertThrows(software.amazon.awssdk.services.s3.model.NoSuchBucketException.class, () -> s3.headBucket(h -> h.bucket(name)));
        s3.createBucket(c -> c.bucket(name).createBucketConfiguration(b -> b.locationConstraint("eu-west-1")));
        assertEquals("eu-west-1", s3.headBucket(h -> h.bucket(name)).bucketRegion());
    }

    private static void assertRefused(String method, String uri, List<Map.Entry<String, String>> unsigned, String code) throws IOException {
        try (RawHttp http = new RawHttp(storage.s3Port)) {
            List<Map.Entry<String, String>> headers = new java.util.ArrayList<>(unsigned);
            headers.add(Map.entry("Content-Length", "0"));
            Answer answer = http.send(signedHead(method, uri, "UNSIGNED-PAYLOAD", List.of(), headers)).read(method, WAIT);
            assertEquals(400, answer.status(), method + " " + uri + ": " + answer);
            assertTrue(answer.text().contains("<Code>" + code + "</Code>"), method + " " + uri + ": " + answer.text());
        }
    }

    /** Blob files of this test's environment. */
    private static long blobFiles() throws IOException {
        Path namespace = storage.blobRoot.resolve(keys.environmentId());
        if (!Files.isDirectory(namespace)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(namespace)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
