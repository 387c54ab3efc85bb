package io.mockfactory.storage.s3.post;

import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The answers to a stored form upload: the success status, the PostResponse document, and the redirect. */
class PostResponsesTest {
    private static final PostResult RESULT = new PostResult(new StoredObject(1, "dir/a b.txt", "blob", 3,
            "900150983cd24fb0d6963f7d28e17f72", Instant.now(), "text/plain", Map.of(), Map.of(), null, null), "photos",
            null, null, null);

    private static S3Request request(String path, String host) {
        return new S3Request("POST", path, new DefaultHttpHeaders().set("Host", host), InputStream.nullInputStream(), "r");
    }

    private static S3Response answer(String... fields) throws Exception {
        return PostResponses.answer(request("/photos", "localhost:4566"), FormSignatureTest.form(MultipartBody.ordered(fields)),
                RESULT, "http");
    }

    @Test
    void shouldAnswerNoContentUnlessAskedForAnotherSuccessStatus() throws Exception {
        for (String status : new String[]{null, "204", "202", "nonsense"}) {
            S3Response response = status == null ? answer() : answer("success_action_status", status);
            assertEquals(204, response.status(), status);
            assertEquals("\"900150983cd24fb0d6963f7d28e17f72\"", response.headers().get("ETag"));
            assertEquals("http://localhost:4566/photos/dir/a%20b.txt", response.headers().get("Location"));
            assertEquals(0, response.body().length);
        }
        assertEquals(200, answer("success_action_status", "200").status());
    }

    @Test
    void shouldDescribeTheObjectWhenAskedFor201() throws Exception {
        S3Response created = answer("success_action_status", "201");
        assertEquals(201, created.status());
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PostResponse><Location>http://localhost:4566/photos/dir/a%20b.txt"
                + "</Location><Bucket>photos</Bucket><Key>dir/a b.txt</Key><ETag>&quot;900150983cd24fb0d6963f7d28e17f72&quot;</ETag>"
                + "</PostResponse>", new String(created.body(), StandardCharsets.UTF_8));
    }

    @Test
    void shouldRedirectWithTheBucketKeyAndETagAdded() throws Exception {
        S3Response redirect = answer("success_action_redirect", "https://app.example.com/done?upload=1#top",
                "success_action_status", "201");
        assertEquals(303, redirect.status());
        assertEquals("https://app.example.com/done?upload=1&bucket=photos&key=dir%2Fa%20b.txt"
                + "&etag=%22900150983cd24fb0d6963f7d28e17f72%22#top", redirect.headers().get("Location"));
        assertEquals(0, redirect.body().length);
        assertEquals("https://app.example.com/?bucket=photos&key=dir%2Fa%20b.txt&etag=%22900150983cd24fb0d6963f7d28e17f72%22",
                answer("redirect", "https://app.example.com/").headers().get("Location"), "the legacy field");
    }

    @Test
    void shouldIgnoreARedirectItCannotInterpret() throws Exception {
        for (String target : new String[]{"/relative/path", "not a url", "javascript:alert(1)", "mailto:a@b.c"}) {
            S3Response response = answer("success_action_redirect", target);
            assertEquals(204, response.status(), target);
        }
    }

    @Test
    void shouldLocateTheObjectAsTheBucketWasAddressed() {
        assertEquals("http://photos.localhost:4566/dir/a%20b.txt",
                PostResponses.location(request("/", "photos.localhost:4566"), "photos", "dir/a b.txt", "http"));
        assertEquals("https://s3.example.com/photos/k", PostResponses.location(request("/photos", "s3.example.com"), "photos", "k", "https"));
        assertNull(PostResponses.redirect("http:///no-host", "b", "k", "e"));
    }
}
