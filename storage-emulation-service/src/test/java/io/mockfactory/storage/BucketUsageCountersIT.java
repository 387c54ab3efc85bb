package io.mockfactory.storage;

import io.mockfactory.storage.quota.StorageQuota;
import io.mockfactory.storage.usage.StoredBytes;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quota reads what a user stores from per-bucket counters that triggers keep (V8), not from a sum of every
 * object. These tests drive every kind of change through real S3 clients (overwrites, versions and delete markers,
 * version deletes, multipart parts replaced, aborted and completed, a deleted bucket, concurrent writers) and check the
 * counters against the sum of the objects and parts themselves, which usage reports and billing use.
 */
class BucketUsageCountersIT extends OneStorageService {
    private static final int MIB = 1024 * 1024;

    @Test
    void shouldCountWhatEveryKindOfWriteAndDeleteLeavesStored() throws Exception {
        String userId = "usr_counters" + System.nanoTime();
        StorageHarness.S3Keys first = storage.newEnvironment(userId);
        StorageHarness.S3Keys second = storage.newEnvironment(userId);
        try (S3Client a = storage.client(first).build(); S3Client b = storage.client(second).build()) {
            a.createBucket(r -> r.bucket("plain"));
            put(a, "plain", "k1", 100);
            put(a, "plain", "k1", 300);
            put(a, "plain", "k2", 1000);
            a.deleteObject(r -> r.bucket("plain").key("k2"));
            assertCountersMatch(userId);

            a.createBucket(r -> r.bucket("versions"));
            a.putBucketVersioning(r -> r.bucket("versions").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            String oldest = put(a, "versions", "v", 500);
            put(a, "versions", "v", 700);
            a.deleteObject(r -> r.bucket("versions").key("v"));
            a.deleteObject(r -> r.bucket("versions").key("v").versionId(oldest));
            a.putBucketVersioning(r -> r.bucket("versions").versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
            put(a, "versions", "v", 50);
            put(a, "versions", "v", 60);
            assertCountersMatch(userId);

            String completed = a.createMultipartUpload(r -> r.bucket("plain").key("big")).uploadId();
            uploadPart(a, completed, 1, 5 * MIB);
            String part1 = uploadPart(a, completed, 1, 5 * MIB + 1);
            String part2 = uploadPart(a, completed, 2, 10);
            String aborted = a.createMultipartUpload(r -> r.bucket("plain").key("gone")).uploadId();
            uploadPart(a, aborted, 1, 2000);
            String open = a.createMultipartUpload(r -> r.bucket("plain").key("open")).uploadId();
            uploadPart(a, open, 1, 3000);
            assertCountersMatch(userId);
            a.completeMultipartUpload(r -> r.bucket("plain").key("big").uploadId(completed).multipartUpload(m -> m.parts(
                    CompletedPart.builder().partNumber(1).eTag(part1).build(), CompletedPart.builder().partNumber(2).eTag(part2).build())));
            a.abortMultipartUpload(r -> r.bucket("plain").key("gone").uploadId(aborted));
            a.copyObject(r -> r.sourceBucket("plain").sourceKey("k1").destinationBucket("plain").destinationKey("copy"));
            assertCountersMatch(userId);

            b.createBucket(r -> r.bucket("short-lived"));
            put(b, "short-lived", "x", 4000);
            assertCountersMatch(userId);
            b.deleteObject(r -> r.bucket("short-lived").key("x"));
            b.deleteBucket(r -> r.bucket("short-lived"));
            assertCountersMatch(userId);
            assertTrue(stored(userId) > 5 * MIB, "what the user stores is counted, not zero");
        }
    }

    @Test
    void shouldCountConcurrentWritersOfOneBucketExactly() throws Exception {
        StorageHarness.S3Keys keys = storage.newEnvironment();
        try (S3Client s3 = storage.client(keys).build()) {
            s3.createBucket(r -> r.bucket("busy"));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    for (int i = 0; i < 40; i++) {
                        String key = "k" + random.nextInt(12);
                        if (random.nextInt(4) == 0) {
                            s3.deleteObject(r -> r.bucket("busy").key(key));
                        } else {
                            put(s3, "busy", key, random.nextInt(20_000));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            pool.shutdown();
            assertCountersMatch(keys.userId());
        }
    }

    private static String put(S3Client s3, String bucket, String key, int size) {
        return s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(new byte[size])).versionId();
    }

    private static String uploadPart(S3Client s3, String uploadId, int number, int size) {
        return s3.uploadPart(r -> r.bucket("plain").key(keyOf(s3, uploadId)).uploadId(uploadId).partNumber(number),
                RequestBody.fromBytes(new byte[size])).eTag();
    }

    private static String keyOf(S3Client s3, String uploadId) {
        return s3.listMultipartUploads(r -> r.bucket("plain")).uploads().stream()
                .filter(upload -> upload.uploadId().equals(uploadId)).findFirst().orElseThrow().key();
    }

    private static long stored(String userId) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return StorageQuota.storedBy(connection, userId);
        }
    }

    private static void assertCountersMatch(String userId) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            long truth = new StoredBytes().perUser(connection, userId).bytes();
            assertEquals(truth, StorageQuota.storedBy(connection, userId), "the counters hold what the objects and parts sum to");
        }
    }
}
