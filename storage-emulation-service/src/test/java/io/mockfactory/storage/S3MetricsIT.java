package io.mockfactory.storage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The S3 data plane's request metrics as Prometheus scrapes them, after real AWS SDK calls and a raw bad one. */
class S3MetricsIT {
    private static StorageHarness storage;

    @BeforeAll
    static void start() throws Exception {
        storage = new StorageHarness();
    }

    @AfterAll
    static void stop() {
        storage.close();
    }

    @Test
    void shouldCountRequestsByActionAndStatusAndNeverByWhatTheyName() throws Exception {
        StorageHarness.S3Keys keys = storage.newEnvironment();
        String bucket = "bucket-zq7metrics";
        try (S3Client s3 = storage.client(keys).build()) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putObject(p -> p.bucket(bucket).key("key-zq7-private.txt"), RequestBody.fromString("hello"));
            assertThrows(NoSuchKeyException.class, () -> s3.getObjectAsBytes(g -> g.bucket(bucket).key("key-zq7-missing")));
        }
        // Unsigned, and for a sub-resource this emulator does not route: an action no label can be made of
        HttpResponse<String> acl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(storage.endpoint() + "/" + bucket + "?lifecycle")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, acl.statusCode(), acl.body());

        String scrape = storage.awaitMetricLines(List.of(
                "s3_requests_total{operation=\"CreateBucket\",status=\"200\"} 1.0",
                "s3_requests_total{operation=\"PutObject\",status=\"200\"} 1.0",
                "s3_requests_total{operation=\"GetObject\",status=\"404\"} 1.0",
                "s3_requests_total{operation=\"Unknown\",status=\"403\"} 1.0",
                "s3_request_duration_seconds_count{operation=\"PutObject\"} 1",
                "s3_request_duration_seconds_count{operation=\"GetObject\"} 1",
                "s3_request_duration_seconds_bucket{operation=\"PutObject\",le=\"+Inf\"} 1"));
        for (String named : List.of(bucket, "key-zq7", keys.accessKeyId(), keys.environmentId(), keys.userId())) {
            assertFalse(scrape.contains(named), named + " is in no label");
        }
    }
}
