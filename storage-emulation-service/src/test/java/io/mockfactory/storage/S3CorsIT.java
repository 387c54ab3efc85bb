package io.mockfactory.storage;

import io.mockfactory.storage.s3.RawHttp;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bucket CORS: PutBucketCors, GetBucketCors and DeleteBucketCors through the real AWS SDK v2, and what browsers send
 * (OPTIONS preflights, requests with an Origin) as raw HTTP, answered as S3 answers them.
 */
class S3CorsIT extends OneEnvironmentS3 {
    private static final String SITE = "https://app.example.com";
    private static final String NOT_ALLOWED = "CORSResponse: This CORS request is not allowed. This is usually because the"
            + " evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are"
            + " not whitelisted by the resource&apos;s CORS spec.";
    private static String bucket(S3Client client, String name) {
        String bucket = name + "-" + Long.toHexString(System.nanoTime());
        client.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    private static CORSRule siteRule() {
        return CORSRule.builder().id("site").allowedOrigins(SITE, "https://*.example.org").allowedMethods("GET", "PUT")
                .allowedHeaders("Content-Type", "x-amz-*").exposeHeaders("ETag", "x-amz-request-id").maxAgeSeconds(3000).build();
    }

    private static void putCors(S3Client client, String bucket, CORSRule... rules) {
        client.putBucketCors(p -> p.bucket(bucket).corsConfiguration(c -> c.corsRules(rules)));
    }

    @Test
    void shouldKeepReplaceAndDeleteAConfiguration() {
        String bucket = bucket(s3, "cors-roundtrip");
        S3Exception none = assertThrows(S3Exception.class, () -> s3.getBucketCors(g -> g.bucket(bucket)));
        assertEquals(404, none.statusCode());
        assertEquals("NoSuchCORSConfiguration", none.awsErrorDetails().errorCode());

        CORSRule open = CORSRule.builder().allowedOrigins("*").allowedMethods("HEAD").build();
        putCors(s3, bucket, siteRule(), open);
        assertEquals(List.of(siteRule(), open), s3.getBucketCors(g -> g.bucket(bucket)).corsRules());

        putCors(s3, bucket, open);
        assertEquals(List.of(open), s3.getBucketCors(g -> g.bucket(bucket)).corsRules(), "a put replaces the whole configuration");

        s3.deleteBucketCors(d -> d.bucket(bucket));
        assertEquals("NoSuchCORSConfiguration", assertThrows(S3Exception.class, () -> s3.getBucketCors(g -> g.bucket(bucket)))
                .awsErrorDetails().errorCode());
        s3.deleteBucketCors(d -> d.bucket(bucket));
    }

    @Test
    void shouldRefuseWhatS3Refuses() {
        String bucket = bucket(s3, "cors-refused");
        S3Exception method = assertThrows(S3Exception.class, () -> putCors(s3, bucket,
                CORSRule.builder().allowedOrigins("*").allowedMethods("GET", "PATCH").build()));
        assertEquals(400, method.statusCode());
        assertEquals("InvalidRequest", method.awsErrorDetails().errorCode());
        assertEquals("Found unsupported HTTP method in CORS config. Unsupported method is PATCH", method.awsErrorDetails().errorMessage());

        S3Exception wildcards = assertThrows(S3Exception.class, () -> putCors(s3, bucket,
                CORSRule.builder().allowedOrigins("https://*.*.com").allowedMethods("GET").build()));
        assertEquals("AllowedOrigin \"https://*.*.com\" can not have more than one wildcard.", wildcards.awsErrorDetails().errorMessage());

        CORSRule rule = CORSRule.builder().allowedOrigins("*").allowedMethods("GET").build();
        S3Exception tooMany = assertThrows(S3Exception.class, () -> putCors(s3, bucket,
                Collections.nCopies(101, rule).toArray(CORSRule[]::new)));
        assertEquals("MalformedXML", tooMany.awsErrorDetails().errorCode());
        putCors(s3, bucket, Collections.nCopies(100, rule).toArray(CORSRule[]::new));

        CORSRule big = CORSRule.builder().allowedOrigins("https://" + "a".repeat(700) + ".example").allowedMethods("GET").build();
        S3Exception tooLarge = assertThrows(S3Exception.class, () -> putCors(s3, bucket,
                Collections.nCopies(100, big).toArray(CORSRule[]::new)));
        assertEquals("MalformedXML", tooLarge.awsErrorDetails().errorCode(), "more than 64 KB");

        S3Exception noBucket = assertThrows(S3Exception.class, () -> putCors(s3, bucket + "-nope", rule));
        assertEquals("NoSuchBucket", noBucket.awsErrorDetails().errorCode());
        assertEquals(100, s3.getBucketCors(g -> g.bucket(bucket)).corsRules().size(), "refused puts changed nothing");
    }

    @Test
    void shouldCheckAContentMd5ThatIsSent() {
        String bucket = bucket(s3, "cors-md5");
        // Set before signing, so the signature covers it: only the digest is wrong
        ExecutionInterceptor wrongMd5 = new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                return context.httpRequest().toBuilder().putHeader("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==").build();
            }
        };
        try (S3Client tampering = storage.client(keys).overrideConfiguration(o -> o.addExecutionInterceptor(wrongMd5)).build()) {
            S3Exception bad = assertThrows(S3Exception.class, () -> putCors(tampering, bucket, siteRule()));
            assertEquals("BadDigest", bad.awsErrorDetails().errorCode());
        }
        assertEquals("NoSuchCORSConfiguration", assertThrows(S3Exception.class, () -> s3.getBucketCors(g -> g.bucket(bucket)))
                .awsErrorDetails().errorCode());
    }

    @Test
    void shouldAnswerAnAllowedPreflightPathAndVirtualHostStyle() throws Exception {
        String bucket = bucket(s3, "cors-preflight");
        putCors(s3, bucket, CORSRule.builder().allowedOrigins("https://other.example").allowedMethods("DELETE").build(), siteRule());
        RawHttp.Answer answer = preflight("/" + bucket + "/photos/cat.jpg", "localhost", SITE, "PUT", "Content-Type, X-Amz-Date");
        assertEquals(200, answer.status(), answer.toString());
        assertEquals(SITE, answer.header("Access-Control-Allow-Origin"));
        assertEquals("GET, PUT", answer.header("Access-Control-Allow-Methods"));
        assertEquals("content-type, x-amz-date", answer.header("Access-Control-Allow-Headers"));
        assertEquals("ETag, x-amz-request-id", answer.header("Access-Control-Expose-Headers"));
        assertEquals("3000", answer.header("Access-Control-Max-Age"));
        assertEquals("true", answer.header("Access-Control-Allow-Credentials"));
        assertEquals("Origin, Access-Control-Request-Headers, Access-Control-Request-Method", answer.header("Vary"));

        RawHttp.Answer virtual = preflight("/photos/cat.jpg", bucket + ".localhost", "https://www.example.org", "GET", null);
        assertEquals(200, virtual.status(), virtual.toString());
        assertEquals("https://www.example.org", virtual.header("Access-Control-Allow-Origin"));
        assertNull(virtual.header("Access-Control-Allow-Headers"));

        putCors(s3, bucket, CORSRule.builder().allowedOrigins("*").allowedMethods("GET").build());
        RawHttp.Answer open = preflight("/" + bucket, "localhost", SITE, "GET", null);
        assertEquals("*", open.header("Access-Control-Allow-Origin"), "a new configuration is seen at once");
        assertNull(open.header("Access-Control-Allow-Credentials"));
    }

    @Test
    void shouldRefusePreflightsAsS3Does() throws Exception {
        String bucket = bucket(s3, "cors-refusals");
        RawHttp.Answer notEnabled = preflight("/" + bucket + "/k", "localhost", SITE, "PUT", null);
        assertEquals(403, notEnabled.status());
        assertTrue(notEnabled.text().contains("<Code>AccessForbidden</Code>")
                && notEnabled.text().contains("<Message>CORSResponse: CORS is not enabled for this bucket.</Message>")
                && notEnabled.text().contains("<Method>PUT</Method><ResourceType>OBJECT</ResourceType>"), notEnabled.text());
        assertEquals(403, preflight("/no-such-bucket-" + System.nanoTime(), "localhost", SITE, "GET", null).status());

        putCors(s3, bucket, siteRule());
        for (String[] refused : new String[][]{{"https://evil.example", "PUT", null}, {SITE, "DELETE", null},
                {SITE, "PUT", "content-type, authorization"}, {"https://APP.example.com", "GET", null}}) {
            RawHttp.Answer answer = preflight("/" + bucket, "localhost", refused[0], refused[1], refused[2]);
            assertEquals(403, answer.status(), String.join(" ", refused));
            assertTrue(answer.text().contains("<Message>" + NOT_ALLOWED + "</Message>")
                    && answer.text().contains("<ResourceType>BUCKET</ResourceType>"), answer.text());
            assertNull(answer.header("Access-Control-Allow-Origin"));
        }

        RawHttp.Answer noOrigin = preflight("/" + bucket, "localhost", null, "GET", null);
        assertEquals(400, noOrigin.status());
        assertTrue(noOrigin.text().contains("<Code>BadRequest</Code><Message>Insufficient information. Origin request header needed."
                + "</Message>"), noOrigin.text());
        RawHttp.Answer noMethod = preflight("/" + bucket, "localhost", SITE, null, null);
        assertEquals(400, noMethod.status());
        assertTrue(noMethod.text().contains("<Message>Invalid Access-Control-Request-Method: null</Message>"), noMethod.text());
        assertTrue(preflight("/" + bucket, "localhost", SITE, "PATCH", null).text()
                .contains("Invalid Access-Control-Request-Method: PATCH"));

        s3.deleteBucketCors(d -> d.bucket(bucket));
        assertTrue(preflight("/" + bucket, "localhost", SITE, "GET", null).text().contains("CORS is not enabled"),
                "a deleted configuration is gone at once");
    }

    @Test
    void shouldAnswerPreflightsFromTheOldestOfSameNamedBucketsThatAllowsThem() throws Exception {
        StorageHarness.S3Keys otherKeys = storage.newEnvironment();
        try (S3Client other = storage.client(otherKeys).build()) {
            String bucket = bucket(s3, "cors-shared-name");
            other.createBucket(b -> b.bucket(bucket));
            putCors(s3, bucket, CORSRule.builder().allowedOrigins("https://first.example").allowedMethods("GET").maxAgeSeconds(1).build());
            putCors(other, bucket, CORSRule.builder().allowedOrigins("https://second.example", "https://first.example")
                    .allowedMethods("GET", "PUT").maxAgeSeconds(2).build());

            assertEquals("1", preflight("/" + bucket, "localhost", "https://first.example", "GET", null)
                    .header("Access-Control-Max-Age"), "the older bucket's rule, where both match");
            assertEquals("2", preflight("/" + bucket, "localhost", "https://first.example", "PUT", null)
                    .header("Access-Control-Max-Age"), "the newer bucket's, where only it matches");
            assertEquals("2", preflight("/" + bucket, "localhost", "https://second.example", "GET", null)
                    .header("Access-Control-Max-Age"));
            assertEquals(403, preflight("/" + bucket, "localhost", "https://third.example", "GET", null).status());

            // An authenticated request is judged by its own environment's bucket only
            other.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromString("theirs"));
            s3.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromString("mine"));
            RawHttp.Answer mine = presignedGet(keys, bucket, "k", "https://second.example");
            assertEquals(200, mine.status());
            assertNull(mine.header("Access-Control-Allow-Origin"), "the second origin is allowed by the other environment's bucket only");
            assertEquals("https://second.example", presignedGet(otherKeys, bucket, "k", "https://second.example")
                    .header("Access-Control-Allow-Origin"));
        }
    }

    @Test
    void shouldAddCorsHeadersToAnswersAndErrorsOfAllowedOrigins() throws Exception {
        String bucket = bucket(s3, "cors-actual");
        s3.putObject(p -> p.bucket(bucket).key("hello.txt"), RequestBody.fromString("hello"));
        RawHttp.Answer before = presignedGet(keys, bucket, "hello.txt", SITE);
        assertEquals(200, before.status());
        assertNull(before.header("Access-Control-Allow-Origin"), "no configuration, no CORS headers");

        putCors(s3, bucket, siteRule());
        RawHttp.Answer allowed = presignedGet(keys, bucket, "hello.txt", SITE);
        assertEquals("hello", allowed.text());
        assertEquals(SITE, allowed.header("Access-Control-Allow-Origin"));
        assertEquals("GET, PUT", allowed.header("Access-Control-Allow-Methods"));
        assertEquals("ETag, x-amz-request-id", allowed.header("Access-Control-Expose-Headers"));
        assertEquals("3000", allowed.header("Access-Control-Max-Age"));
        assertEquals("true", allowed.header("Access-Control-Allow-Credentials"));
        assertEquals("Origin, Access-Control-Request-Headers, Access-Control-Request-Method", allowed.header("Vary"));
        assertNull(allowed.header("Access-Control-Allow-Headers"), "an actual request's headers are not judged");

        assertNull(presignedGet(keys, bucket, "hello.txt", null).header("Access-Control-Allow-Origin"), "no Origin");
        assertNull(presignedGet(keys, bucket, "hello.txt", "https://evil.example").header("Access-Control-Allow-Origin"));

        RawHttp.Answer missing = presignedGet(keys, bucket, "missing.txt", SITE);
        assertEquals(404, missing.status());
        assertEquals(SITE, missing.header("Access-Control-Allow-Origin"), "an error is readable by the page too");

        RawHttp.Answer unauthenticated = get("/" + bucket + "/hello.txt", SITE);
        assertEquals(403, unauthenticated.status());
        assertEquals(SITE, unauthenticated.header("Access-Control-Allow-Origin"), "so is a refused signature");
    }

    @Test
    void shouldDropTheConfigurationWithItsBucket() throws Exception {
        String bucket = bucket(s3, "cors-cascade");
        putCors(s3, bucket, siteRule());
        assertEquals(200, preflight("/" + bucket, "localhost", SITE, "GET", null).status());
        s3.deleteBucket(d -> d.bucket(bucket));
        assertTrue(preflight("/" + bucket, "localhost", SITE, "GET", null).text().contains("CORS is not enabled"));
        s3.createBucket(b -> b.bucket(bucket));
        assertEquals("NoSuchCORSConfiguration", assertThrows(S3Exception.class, () -> s3.getBucketCors(g -> g.bucket(bucket)))
                .awsErrorDetails().errorCode(), "a bucket of the same name starts without one");
    }

    /** A preflight as a browser sends it; a null argument leaves its header out. */
    private static RawHttp.Answer preflight(String path, String host, String origin, String method, String requestHeaders)
            throws Exception {
        StringBuilder head = new StringBuilder("OPTIONS " + path + " HTTP/1.1\r\nHost: " + host + ":" + storage.s3Port + "\r\n");
        if (origin != null) {
            head.append("Origin: ").append(origin).append("\r\n");
        }
        if (method != null) {
            head.append("Access-Control-Request-Method: ").append(method).append("\r\n");
        }
        if (requestHeaders != null) {
            head.append("Access-Control-Request-Headers: ").append(requestHeaders).append("\r\n");
        }
        try (RawHttp http = new RawHttp(storage.s3Port)) {
            return http.send(head.append("Connection: close\r\n\r\n").toString()).finalAnswer("OPTIONS", Duration.ofSeconds(10));
        }
    }

    private static RawHttp.Answer presignedGet(StorageHarness.S3Keys as, String bucket, String key, String origin) throws Exception {
        try (S3Presigner presigner = presigner(storage, as)) {
            URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toURI();
            return get(url.getRawPath() + "?" + url.getRawQuery(), origin);
        }
    }

    private static RawHttp.Answer get(String pathAndQuery, String origin) throws Exception {
        String head = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + storage.s3Port + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n") + "Connection: close\r\n\r\n";
        try (RawHttp http = new RawHttp(storage.s3Port)) {
            return http.send(head).finalAnswer("GET", Duration.ofSeconds(10));
        }
    }

    /** Path-style, as {@code as}, for {@code on}'s data plane. */
    static S3Presigner presigner(StorageHarness on, StorageHarness.S3Keys as) {
        return S3Presigner.builder().endpointOverride(URI.create(on.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(as.accessKeyId(), as.secretAccessKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }
}
