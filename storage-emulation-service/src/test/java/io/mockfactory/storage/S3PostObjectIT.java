package io.mockfactory.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockfactory.storage.s3.RawHttp;
import io.mockfactory.storage.s3.post.MultipartBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Browser-based uploads (POST Object) as applications make them: boto3's {@code generate_presigned_post} signs the
 * form (SigV4, and the legacy V2 form), the form is posted as multipart/form-data by a plain HTTP client, as a browser
 * would, and the object is read back with the AWS SDK. Every refusal stores nothing.
 */
class S3PostObjectIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Small, so that one test can pass it (the tier quota counts each user's environments together). */
    private static final long QUOTA = 1024 * 1024;
    private static StorageHarness storage;
    private static StorageHarness.S3Keys keys;
    private static S3Client s3;
    private static Path presign;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What boto3 hands the browser: where to post, and the fields to post with the file. */
    record Presigned(String url, Map<String, String> fields) {
    }

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && python("import boto3") == 0,
                "Debian's python3-boto3 is not installed; .ci/run installs it");
        storage = new StorageHarness(Map.of("mockfactory.tiers.beginner.storage-bytes", String.valueOf(QUOTA)));
        keys = storage.newEnvironment();
        s3 = storage.client(keys).build();
        presign = Files.createTempFile("presign_post", ".py");
        try (InputStream script = S3PostObjectIT.class.getResourceAsStream("/post/presign_post.py")) {
            Files.write(presign, script.readAllBytes());
        }
    }

    @AfterAll
    static void stop() {
        if (storage != null) {
            s3.close();
            storage.close();
        }
    }

    private static int python(String code) throws Exception {
        Process process = new ProcessBuilder(PYTHON.toString(), "-c", code).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    private static String bucket(String name) {
        String bucket = name + "-" + Long.toHexString(System.nanoTime());
        s3.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** boto3's generate_presigned_post with {@code signatureVersion} "s3v4" or "s3" (the legacy form). */
    private static Presigned presign(StorageHarness.S3Keys as, String signatureVersion, String bucket, String key,
                                     Map<String, String> fields, List<Object> conditions, long expiresIn) throws Exception {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("endpoint", storage.endpoint());
        args.put("bucket", bucket);
        args.put("key", key);
        args.put("access_key_id", as.accessKeyId());
        args.put("secret_access_key", as.secretAccessKey());
        args.put("signature_version", signatureVersion);
        args.put("fields", fields);
        args.put("conditions", conditions);
        args.put("expires_in", expiresIn);
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), presign.toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(JSON.writeValueAsBytes(args));
        }
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "presign_post.py did not finish");
        assertEquals(0, process.exitValue(), "presign_post.py: " + err);
        JsonNode post = JSON.readTree(out);
        Map<String, String> signed = new LinkedHashMap<>();
        post.get("fields").fields().forEachRemaining(field -> signed.put(field.getKey(), field.getValue().asText()));
        return new Presigned(post.get("url").asText(), signed);
    }

    private static Presigned presign(String signatureVersion, String bucket, String key, Map<String, String> fields,
                                     List<Object> conditions) throws Exception {
        return presign(keys, signatureVersion, bucket, key, fields, conditions, 3600);
    }

    /** Posts the presigned fields and then the file, as the browser's form does. */
    private HttpResponse<String> post(Presigned form, Map<String, String> fields, String filename, byte[] content) throws Exception {
        MultipartBody body = MultipartBody.create().fields(fields).file(filename, "application/octet-stream", content);
        return http.send(HttpRequest.newBuilder(URI.create(form.url())).header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.close())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Presigned form, String filename, byte[] content) throws Exception {
        return post(form, form.fields(), filename, content);
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String message) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains("<Code>" + code + "</Code>"), response.body());
        if (message != null) {
            assertTrue(response.body().contains("<Message>" + message + "</Message>"), response.body());
        }
    }

    private static void assertNotStored(String bucket, String key) {
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(h -> h.bucket(bucket).key(key)), key + " must not be stored");
    }

    private static String md5Hex(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }

    @Test
    void shouldStoreAFormBoto3SignedWithSigV4AndItsContentHeadersAndMetadata() throws Exception {
        String bucket = bucket("post-v4");
        Presigned form = presign("s3v4", bucket, "uploads/${filename}",
                Map.of("Content-Type", "text/plain", "x-amz-meta-owner", "qa", "Cache-Control", "max-age=60"),
                List.of(Map.of("Content-Type", "text/plain"), Map.of("x-amz-meta-owner", "qa"), Map.of("Cache-Control", "max-age=60"),
                        List.of("content-length-range", 1, 1024)));
        assertEquals(storage.endpoint() + "/" + bucket, form.url());
        byte[] content = "hello from a browser form".getBytes(StandardCharsets.UTF_8);

        // A field after the file is ignored, as S3 ignores it: no condition covers this one, and it is not stored
        MultipartBody body = MultipartBody.create().fields(form.fields()).file("greeting.txt", "text/plain", content)
                .field("x-amz-meta-late", "ignored");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(form.url()))
                .header("Content-Type", body.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(body.close())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, response.statusCode(), response.body());
        assertEquals("\"" + md5Hex(content) + "\"", response.headers().firstValue("ETag").orElseThrow());
        assertEquals(form.url() + "/uploads/greeting.txt", response.headers().firstValue("Location").orElseThrow());

        ResponseBytes<GetObjectResponse> stored = s3.getObjectAsBytes(g -> g.bucket(bucket).key("uploads/greeting.txt"));
        assertArrayEquals(content, stored.asByteArray());
        assertEquals("text/plain", stored.response().contentType());
        assertEquals("max-age=60", stored.response().cacheControl());
        assertEquals(Map.of("owner", "qa"), stored.response().metadata(), "the field after the file is not stored");
        assertEquals("\"" + md5Hex(content) + "\"", stored.response().eTag());
    }

    @Test
    void shouldVerifyAndKeepAChecksumTheFormGives() throws Exception {
        String bucket = bucket("post-checksum");
        byte[] content = "checked".getBytes(StandardCharsets.UTF_8);
        String sha256 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
        Presigned form = presign("s3v4", bucket, "checked.txt", Map.of("x-amz-checksum-sha256", sha256),
                List.of(Map.of("x-amz-checksum-sha256", sha256)));
        HttpResponse<String> stored = post(form, "f", content);
        assertEquals(204, stored.statusCode(), stored.body());
        assertEquals(sha256, stored.headers().firstValue("x-amz-checksum-sha256").orElseThrow());
        assertEquals(sha256, s3.headObject(h -> h.bucket(bucket).key("checked.txt")
                .checksumMode(software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED)).checksumSHA256());

        Presigned other = presign("s3v4", bucket, "mismatch.txt", Map.of("x-amz-checksum-sha256", sha256),
                List.of(Map.of("x-amz-checksum-sha256", sha256)));
        assertError(post(other, "f", "other content".getBytes(StandardCharsets.UTF_8)), 400, "BadDigest", null);
        assertNotStored(bucket, "mismatch.txt");
    }

    @Test
    void shouldStoreALegacyV2FormAndDescribeItWhenAsked201() throws Exception {
        String bucket = bucket("post-v2");
        Presigned form = presign("s3", bucket, "legacy.bin", Map.of("success_action_status", "201"),
                List.of(Map.of("success_action_status", "201")));
        assertTrue(form.fields().containsKey("AWSAccessKeyId") && form.fields().containsKey("signature"), form.fields().toString());
        byte[] content = new byte[40_000];
        new java.util.Random(3).nextBytes(content);

        HttpResponse<String> response = post(form, "ignored-name.bin", content);
        assertEquals(201, response.statusCode(), response.body());
        String etag = "\"" + md5Hex(content) + "\"";
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PostResponse><Location>" + form.url() + "/legacy.bin</Location>"
                + "<Bucket>" + bucket + "</Bucket><Key>legacy.bin</Key><ETag>&quot;" + md5Hex(content) + "&quot;</ETag>"
                + "</PostResponse>", response.body());
        assertEquals(etag, response.headers().firstValue("ETag").orElseThrow());
        ResponseBytes<GetObjectResponse> stored = s3.getObjectAsBytes(g -> g.bucket(bucket).key("legacy.bin"));
        assertArrayEquals(content, stored.asByteArray());
        assertEquals("binary/octet-stream", stored.response().contentType(), "S3's default: the file part's type is not used");
    }

    @Test
    void shouldRedirectToTheGivenUrlWithTheBucketKeyAndETag() throws Exception {
        String bucket = bucket("post-redirect");
        Presigned form = presign("s3v4", bucket, "docs/${filename}", Map.of("success_action_redirect", "https://app.example.com/done?x=1"),
                List.of(List.of("starts-with", "$success_action_redirect", "https://app.example.com/")));
        byte[] content = "redirected".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = post(form, "a b.txt", content);
        assertEquals(303, response.statusCode(), response.body());
        assertEquals("https://app.example.com/done?x=1&bucket=" + bucket + "&key=docs%2Fa%20b.txt&etag=%22" + md5Hex(content) + "%22",
                response.headers().firstValue("Location").orElseThrow());
        assertEquals("\"" + md5Hex(content) + "\"", response.headers().firstValue("ETag").orElseThrow());
        assertEquals("redirected", s3.getObjectAsBytes(g -> g.bucket(bucket).key("docs/a b.txt")).asUtf8String());
    }

    @Test
    void shouldRefuseExpiredTamperedAndWronglySignedForms() throws Exception {
        String bucket = bucket("post-refused");
        byte[] content = "never stored".getBytes(StandardCharsets.UTF_8);
        Presigned expired = presign(keys, "s3v4", bucket, "expired.txt", Map.of(), List.of(), -60);
        assertError(post(expired, "f", content), 403, "AccessDenied", "Invalid according to Policy: Policy expired.");
        assertNotStored(bucket, "expired.txt");

        Presigned form = presign("s3v4", bucket, "tampered.txt", Map.of(), List.of(List.of("content-length-range", 1, 100)));
        String policy = new String(Base64.getDecoder().decode(form.fields().get("policy")), StandardCharsets.UTF_8);
        Map<String, String> tampered = new LinkedHashMap<>(form.fields());
        tampered.put("policy", Base64.getEncoder().encodeToString(policy.replace("100]", "100000000]").getBytes(StandardCharsets.UTF_8)));
        assertError(post(form, tampered, "f", content), 403, "SignatureDoesNotMatch", null);

        Map<String, String> wrongSignature = new LinkedHashMap<>(form.fields());
        wrongSignature.put("x-amz-signature", "0".repeat(64));
        assertError(post(form, wrongSignature, "f", content), 403, "SignatureDoesNotMatch", null);

        Presigned legacy = presign("s3", bucket, "tampered.txt", Map.of(), List.of());
        Map<String, String> wrongV2 = new LinkedHashMap<>(legacy.fields());
        wrongV2.put("signature", Base64.getEncoder().encodeToString(new byte[20]));
        assertError(post(legacy, wrongV2, "f", content), 403, "SignatureDoesNotMatch", null);
        assertNotStored(bucket, "tampered.txt");
    }

    @Test
    void shouldRefuseFormsOutsideTheirPolicy() throws Exception {
        String bucket = bucket("post-policy");
        byte[] content = "x".repeat(100).getBytes(StandardCharsets.UTF_8);
        Presigned form = presign("s3v4", bucket, "uploads/${filename}", Map.of(), List.of(List.of("content-length-range", 1, 10)));

        Map<String, String> elsewhere = new LinkedHashMap<>(form.fields());
        elsewhere.put("key", "elsewhere/f");
        assertError(post(form, elsewhere, "f", content), 403, "AccessDenied",
                "Invalid according to Policy: Policy Condition failed: [&quot;starts-with&quot;, &quot;$key&quot;, &quot;uploads/&quot;]");
        assertNotStored(bucket, "elsewhere/f");

        HttpResponse<String> tooBig = post(form, "big", content);
        assertError(tooBig, 400, "EntityTooLarge", null);
        assertTrue(tooBig.body().contains("<ProposedSize>100</ProposedSize><MaxSizeAllowed>10</MaxSizeAllowed>"), tooBig.body());
        assertNotStored(bucket, "uploads/big");
        assertError(post(form, "empty", new byte[0]), 400, "EntityTooSmall", null);

        Map<String, String> extra = new LinkedHashMap<>(form.fields());
        extra.put("x-amz-meta-extra", "not signed");
        assertError(post(form, extra, "small", "ok".getBytes(StandardCharsets.UTF_8)), 403, "AccessDenied",
                "Invalid according to Policy: Extra input fields: x-amz-meta-extra");
        assertNotStored(bucket, "uploads/small");

        // The same form within its policy is stored
        assertEquals(204, post(form, "small", "ok".getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals("ok", s3.getObjectAsBytes(g -> g.bucket(bucket).key("uploads/small")).asUtf8String());
    }

    @Test
    void shouldRefuseUnknownKeysAndAnotherEnvironmentsBucket() throws Exception {
        String bucket = bucket("post-keys");
        byte[] content = "nope".getBytes(StandardCharsets.UTF_8);
        StorageHarness.S3Keys unknown = new StorageHarness.S3Keys(keys.environmentId(), keys.userId(), "AKIANOSUCHKEY0000000",
                keys.secretAccessKey(), keys.endpoint());
        assertError(post(presign(unknown, "s3v4", bucket, "k", Map.of(), List.of(), 3600), "f", content), 403,
                "InvalidAccessKeyId", null);
        assertError(post(presign(unknown, "s3", bucket, "k", Map.of(), List.of(), 3600), "f", content), 403,
                "InvalidAccessKeyId", null);
        assertNotStored(bucket, "k");

        // Another environment signs a form for this environment's bucket: for its keys, the bucket does not exist
        StorageHarness.S3Keys other = storage.newEnvironment();
        assertError(post(presign(other, "s3v4", bucket, "k", Map.of(), List.of(), 3600), "f", content), 404, "NoSuchBucket", null);
        assertNotStored(bucket, "k");
    }

    @Test
    void shouldRefuseAFormPastTheQuotaAndStoreNothing() throws Exception {
        StorageHarness.S3Keys own = storage.newEnvironment();
        try (S3Client client = storage.client(own).build()) {
            String bucket = "post-quota-" + Long.toHexString(System.nanoTime());
            client.createBucket(b -> b.bucket(bucket));
            byte[] content = new byte[(int) QUOTA + 1];
            HttpResponse<String> refused = post(presign(own, "s3v4", bucket, "big", Map.of(), List.of(), 3600), "big", content);
            assertError(refused, 403, "QuotaExceeded", null);
            assertThrows(NoSuchKeyException.class, () -> client.headObject(h -> h.bucket(bucket).key("big")));
        }
    }

    @Test
    void shouldTakeAFormPostedToTheBucketsVirtualHost() throws Exception {
        String bucket = bucket("post-vhost");
        Presigned form = presign("s3v4", bucket, "by-host.txt", Map.of(), List.of());
        MultipartBody body = MultipartBody.create().fields(form.fields()).file("f", "text/plain", "by host".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = body.close();
        try (RawHttp raw = new RawHttp(storage.s3Port)) {
            raw.send("POST / HTTP/1.1\r\nHost: " + bucket + ".localhost:" + storage.s3Port + "\r\nContent-Type: " + body.contentType()
                    + "\r\nContent-Length: " + bytes.length + "\r\n\r\n").send(bytes);
            RawHttp.Answer answer = raw.read("POST", Duration.ofSeconds(10));
            assertEquals(204, answer.status(), answer.toString());
            assertEquals("http://" + bucket + ".localhost:" + storage.s3Port + "/by-host.txt", answer.header("Location"));
        }
        assertEquals("by host", s3.getObjectAsBytes(g -> g.bucket(bucket).key("by-host.txt")).asUtf8String());
    }

    @Test
    void shouldAnswerAPostThatIsNotAFormAsS3Does() throws Exception {
        String bucket = bucket("post-not-a-form");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(storage.endpoint() + "/" + bucket))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("key=a"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertError(response, 412, "PreconditionFailed", null);
        assertTrue(response.body().contains("<Condition>Bucket POST must be of the enclosure-type multipart/form-data</Condition>"));

        MultipartBody unclosed = MultipartBody.create().fields(presign("s3v4", bucket, "cut.txt", Map.of(), List.of()).fields())
                .raw("--" + "----MockFactoryFormBoundary7MA4YWxkTrZu0gW" + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\ncut");
        HttpResponse<String> cut = http.send(HttpRequest.newBuilder(URI.create(storage.endpoint() + "/" + bucket))
                .header("Content-Type", unclosed.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(unclosed.unclosed()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertError(cut, 400, "MalformedPOSTRequest", null);
        assertNotStored(bucket, "cut.txt");

        MultipartBody withoutFile = MultipartBody.create().fields(presign("s3v4", bucket, "none.txt", Map.of(), List.of()).fields());
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(storage.endpoint() + "/" + bucket))
                .header("Content-Type", withoutFile.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(withoutFile.close()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertError(none, 400, "InvalidArgument", "POST requires exactly one file upload per request.");
    }
}
