package io.mockfactory.storage;

import io.mockfactory.events.command.DestroyEnvironment;
import io.mockfactory.events.command.StartEnvironment;
import io.mockfactory.events.command.StopEnvironment;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where an environment's S3 ends, through the AWS SDK v2: presigned URLs until they expire, another environment's
 * buckets (another AWS account's), and an environment stopped (keys refused, data kept) and destroyed (forgotten).
 */
class S3EnvironmentBoundariesIT extends OneEnvironmentS3 {

    private static S3Client client(String accessKeyId, String secret) {
        return S3SdkIT.client(storage, accessKeyId, secret);
    }

    private static String bucket(String name) {
        String bucket = name + "-" + Long.toHexString(System.nanoTime());
        s3.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    @Test
    void shouldHonourPresignedUrlsUntilTheyExpire() throws Exception {
        String bucket = bucket("presigned");
        s3.putObject(p -> p.bucket(bucket).key("shared.txt"), RequestBody.fromString("for your eyes"));
        HttpClient http = HttpClient.newHttpClient();
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(storage.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build()) {
            URI valid = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(bucket).key("shared.txt"))).url().toURI();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(valid).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("for your eyes", ok.body());

            URI tampered = URI.create(valid.toString().replace("shared.txt", "other.txt"));
            assertEquals(403, http.send(HttpRequest.newBuilder(tampered).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());

            URI upload = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(put -> put.bucket(bucket).key("uploaded.txt"))).url().toURI();
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(upload).PUT(HttpRequest.BodyPublishers.ofString("via url")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, put.statusCode(), put.body());
            assertEquals("via url", s3.getObjectAsBytes(g -> g.bucket(bucket).key("uploaded.txt")).asUtf8String());

            URI shortLived = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofSeconds(1))
                    .getObjectRequest(g -> g.bucket(bucket).key("shared.txt"))).url().toURI();
            Thread.sleep(2100);
            HttpResponse<String> expired = http.send(HttpRequest.newBuilder(shortLived).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, expired.statusCode());
            assertTrue(expired.body().contains("<Code>AccessDenied</Code>") && expired.body().contains("Request has expired"), expired.body());
        }
    }


    @Test
    void shouldKeepAnotherEnvironmentsBucketsInvisible() throws Exception {
        String bucket = bucket("private");
        s3.putObject(p -> p.bucket(bucket).key("secret.txt"), RequestBody.fromString("mine"));
        StorageHarness.S3Keys other = storage.newEnvironment();
        try (S3Client intruder = client(other.accessKeyId(), other.secretAccessKey())) {
            // Another environment is another AWS account: its bucket exists, and nothing grants this one anything
            for (org.junit.jupiter.api.function.Executable attempt : List.<org.junit.jupiter.api.function.Executable>of(
                    () -> intruder.getObject(g -> g.bucket(bucket).key("secret.txt")),
                    () -> intruder.listObjectsV2(l -> l.bucket(bucket)),
                    () -> intruder.copyObject(c -> c.sourceBucket(bucket).sourceKey("secret.txt").destinationBucket(bucket)
                            .destinationKey("stolen")))) {
                assertEquals("AccessDenied", assertThrows(S3Exception.class, attempt).awsErrorDetails().errorCode());
            }
            assertThrows(NoSuchBucketException.class, () -> intruder.listObjectsV2(l -> l.bucket("no-such-" + bucket)));
            assertFalse(intruder.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket)));
            intruder.createBucket(c -> c.bucket(bucket));
            assertEquals(0, intruder.listObjectsV2(l -> l.bucket(bucket)).keyCount(), "the same name is its own bucket");
        }
        assertEquals("mine", s3.getObjectAsBytes(g -> g.bucket(bucket).key("secret.txt")).asUtf8String());
    }


    @Test
    void shouldRefuseAStoppedEnvironmentAndForgetADestroyedOne() throws Exception {
        StorageHarness.S3Keys lifecycle = storage.newEnvironment();
        try (S3Client client = client(lifecycle.accessKeyId(), lifecycle.secretAccessKey())) {
            client.createBucket(c -> c.bucket("kept"));
            client.putObject(p -> p.bucket("kept").key("data"), RequestBody.fromString("survives a stop"));

            storage.send(lifecycle.environmentId(), lifecycle.userId(), new StopEnvironment("test"));
            S3Exception stopped = eventually(() -> assertThrows(S3Exception.class, client::listBuckets));
            assertEquals(403, stopped.statusCode());
            assertEquals("AccessDenied", stopped.awsErrorDetails().errorCode());

            storage.send(lifecycle.environmentId(), lifecycle.userId(), new StartEnvironment());
            eventually(() -> assertEquals("survives a stop", client.getObjectAsBytes(g -> g.bucket("kept").key("data")).asUtf8String()));

            storage.send(lifecycle.environmentId(), lifecycle.userId(), new DestroyEnvironment("test"));
            S3Exception destroyed = eventually(() -> assertThrows(S3Exception.class, client::listBuckets));
            assertEquals("InvalidAccessKeyId", destroyed.awsErrorDetails().errorCode());
            Path namespace = storage.blobRoot.resolve(lifecycle.environmentId());
            eventually(() -> assertFalse(Files.exists(namespace), "the environment's blobs are deleted"));
            assertFalse(storage.credentials(lifecycle.environmentId(), lifecycle.userId()).body().contains("secret_access_key"));
        }
    }

    private static <T> T eventually(java.util.concurrent.Callable<T> check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                return check.call();
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static void eventually(Runnable check) throws Exception {
        eventually(() -> {
            check.run();
            return null;
        });
    }
}
