package io.mockfactory.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.mockfactory.storage.browser.CrossOriginPage;
import io.mockfactory.storage.browser.SignedPostForm;
import io.mockfactory.storage.browser.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bucket CORS as a real browser enforces it: a page on http://127.0.0.1:P uploads to and reads from S3 on
 * http://localhost:S (another origin) through presigned URLs, in Debian's headless Chromium. Where the bucket's
 * rules allow the page's origin, the upload lands and the page reads the body and the exposed ETag; where the bucket
 * has no CORS configuration, the browser refuses the fetch and the upload never happens; where a rule does not
 * expose ETag, the page reads the body but not the ETag.
 *
 * A page's form upload (a SigV4 POST policy its back end signed) lands and the page reads the 201 answer; a tampered
 * form is refused, and the page reads that too.
 *
 * <p>More scenarios are one more {@link CrossOriginPage#scenario} each, with their assertions after the one
 * {@link CrossOriginPage#run}: the browser starts once for all of them.
 */
class S3CorsBrowserIT {
    private static final String PUT_THEN_GET = """
            const put = await fetch(p.putUrl, {method: "PUT", body: p.body, headers: {"Content-Type": p.contentType}});
            const get = await fetch(p.getUrl);
            return {putStatus: put.status, putEtag: put.headers.get("ETag"), getStatus: get.status, body: await get.text(),
                    etag: get.headers.get("ETag"), contentType: get.headers.get("Content-Type")};""";
    /** A browser form upload: the back end's signed fields, then the file, POSTed as multipart/form-data. */
    private static final String FORM_POST = """
            const form = new FormData();
            for (const [name, value] of p.fields) { form.append(name, value); }
            form.append("file", new Blob([p.body], {type: "text/plain"}), "note.txt");
            const post = await fetch(p.postUrl, {method: "POST", body: form});
            return {postStatus: post.status, answer: await post.text(), etag: post.headers.get("ETag")};""";
    private static final String GET_ONLY = """
            const get = await fetch(p.getUrl);
            return {getStatus: get.status, body: await get.text(), etag: get.headers.get("ETag")};""";

    private static StorageHarness storage;
    private static StorageHarness.S3Keys keys;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        // First, so that a machine without the browser fails in a second with the reason, not after the harness starts
        HeadlessChromium.binary();
        storage = new StorageHarness();
        keys = storage.newEnvironment();
        s3 = storage.client(keys).build();
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
            storage.close();
        }
    }

    @Test
    void shouldLetTheBrowserUploadAndReadOnlyWhereTheBucketsRulesAllowThePagesOrigin() throws Exception {
        String suffix = Long.toHexString(System.nanoTime());
        String allowed = "browser-allowed-" + suffix;
        String unconfigured = "browser-none-" + suffix;
        String unexposed = "browser-unexposed-" + suffix;
        for (String bucket : new String[]{allowed, unconfigured, unexposed}) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        s3.putObject(p -> p.bucket(unexposed).key("readable.txt"), RequestBody.fromString("readable, but no ETag"));
        String expectedEtag = s3.headObject(h -> h.bucket(unexposed).key("readable.txt")).eTag();

        try (CrossOriginPage page = new CrossOriginPage(); S3Presigner presigner = S3CorsIT.presigner(storage, keys)) {
            s3.putBucketCors(p -> p.bucket(allowed).corsConfiguration(c -> c.corsRules(
                    CORSRule.builder().allowedOrigins("https://elsewhere.example").allowedMethods("GET").build(),
                    CORSRule.builder().allowedOrigins("http://127.0.0.1:*").allowedMethods("PUT", "GET", "POST")
                            .allowedHeaders("content-type").exposeHeaders("ETag").maxAgeSeconds(60).build())));
            s3.putBucketCors(p -> p.bucket(unexposed).corsConfiguration(c -> c.corsRules(
                    CORSRule.builder().allowedOrigins(page.origin()).allowedMethods("GET").build())));

            page.scenario("allowed", urls(presigner, allowed, "from-the-browser.json"), PUT_THEN_GET)
                    .scenario("unconfigured", urls(presigner, unconfigured, "never.json"), PUT_THEN_GET)
                    .scenario("unexposed", urls(presigner, unexposed, "readable.txt"), GET_ONLY)
                    .scenario("form", form(allowed, "uploads/note.txt", false), FORM_POST)
                    .scenario("tampered-form", form(allowed, "uploads/forged.txt", true), FORM_POST);
            Map<String, JsonNode> outcomes = page.run(storage.s3Port, Duration.ofSeconds(25));

            JsonNode ok = outcomes.get("allowed");
            assertEquals(200, ok.path("putStatus").asInt(), ok.toString());
            assertEquals(200, ok.path("getStatus").asInt(), ok.toString());
            assertEquals("{\"from\":\"a browser\"}", ok.path("body").asText(), ok.toString());
            assertEquals("application/json", ok.path("contentType").asText(), ok.toString());
            String landed = s3.headObject(h -> h.bucket(allowed).key("from-the-browser.json")).eTag();
            assertEquals(landed, ok.path("etag").asText(), "the page read the exposed ETag: " + ok);
            assertEquals(landed, ok.path("putEtag").asText(), ok.toString());
            assertEquals("{\"from\":\"a browser\"}", s3.getObjectAsBytes(g -> g.bucket(allowed).key("from-the-browser.json"))
                    .asUtf8String());

            JsonNode refused = outcomes.get("unconfigured");
            assertTrue(refused.path("thrown").asText().contains("TypeError"), "the browser refused the fetch: " + refused);
            assertThrows(NoSuchKeyException.class, () -> s3.headObject(h -> h.bucket(unconfigured).key("never.json")),
                    "the refused preflight kept the upload from being sent at all");

            JsonNode form = outcomes.get("form");
            assertEquals(201, form.path("postStatus").asInt(), form.toString());
            assertTrue(form.path("answer").asText().contains("<Key>uploads/note.txt</Key>"), form.toString());
            assertEquals("a note from a form", s3.getObjectAsBytes(g -> g.bucket(allowed).key("uploads/note.txt")).asUtf8String());
            assertEquals("text/plain", s3.headObject(h -> h.bucket(allowed).key("uploads/note.txt")).contentType());
            JsonNode forged = outcomes.get("tampered-form");
            assertEquals(403, forged.path("postStatus").asInt(), "the page reads S3's refusal: " + forged);
            assertTrue(forged.path("answer").asText().contains("SignatureDoesNotMatch"), forged.toString());
            assertThrows(NoSuchKeyException.class, () -> s3.headObject(h -> h.bucket(allowed).key("uploads/forged.txt")));

            JsonNode hidden = outcomes.get("unexposed");
            assertEquals(200, hidden.path("getStatus").asInt(), hidden.toString());
            assertEquals("readable, but no ETag", hidden.path("body").asText(), hidden.toString());
            assertTrue(hidden.path("etag").isNull(), "the ETag (" + expectedEtag + ") is not exposed: " + hidden);
        }
    }

    private Map<String, Object> form(String bucket, String key, boolean tampered) {
        return Map.of("postUrl", storage.endpoint() + "/" + bucket, "body", "a note from a form",
                "fields", SignedPostForm.fields(bucket, key, keys.accessKeyId(), keys.secretAccessKey(), tampered));
    }

    /** Presigned URLs for the page: a PUT of a small JSON document (its Content-Type signed) and a GET of the key. */
    private static Map<String, String> urls(S3Presigner presigner, String bucket, String key) {
        URI put = URI.create(presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType("application/json"))).url().toString());
        URI get = URI.create(presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(o -> o.bucket(bucket).key(key))).url().toString());
        return Map.of("putUrl", put.toString(), "getUrl", get.toString(), "body", "{\"from\":\"a browser\"}",
                "contentType", "application/json");
    }
}
