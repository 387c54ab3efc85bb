package io.mockfactory.storage;

import io.mockfactory.events.EventIds;
import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.events.seed.ServiceSeed;
import io.mockfactory.events.seed.ServiceSeed.BucketSeed;
import io.mockfactory.events.snapshot.SnapshotCreated;
import io.mockfactory.events.snapshot.SnapshotDeleted;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tier's storage quota through the AWS SDK (default checksums, so aws-chunked bodies): single PUTs, multipart
 * parts and racing writers are refused with S3's 403 QuotaExceeded once the quota would be passed, and nothing of
 * a refused write is stored. The beginner quota is set to 11 MiB here.
 */
class StorageQuotaIT {
    private static final int MIB = 1024 * 1024;
    private static StorageHarness storage;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() throws Exception {
        storage = new StorageHarness(Map.of("mockfactory.tiers.beginner.storage-bytes", String.valueOf(11L * MIB)));
        s3 = storage.client(storage.newEnvironment()).build();
        bucket = "quota-" + Long.toHexString(System.nanoTime());
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stop() {
        s3.close();
        storage.close();
    }

    @Test
    void shouldRefuseWritesPastTheQuotaAndStoreNothingOfThem() throws Exception {
        put("one", MIB);
        put("two", MIB);
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("big")).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("big").uploadId(upload).partNumber(1),
                RequestBody.fromBytes(new byte[5 * MIB])).eTag();
        // 7 MiB used: a second 5 MiB part would make 12
        assertQuotaExceeded(assertThrows(S3Exception.class, () -> s3.uploadPart(b -> b.bucket(bucket).key("big")
                .uploadId(upload).partNumber(2), RequestBody.fromBytes(new byte[5 * MIB]))));
        assertEquals(1, s3.listParts(b -> b.bucket(bucket).key("big").uploadId(upload)).parts().size(), "the refused part is not kept");
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("big").uploadId(upload)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));

        assertQuotaExceeded(assertThrows(S3Exception.class, () -> put("five", 5 * MIB)));
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(bucket).key("five")));
        // Replacing an object frees what it replaces, so a same-size overwrite at the limit still fits
        put("one", MIB);

        // 4 MiB left and 8 writers of 1 MiB at once: exactly 4 get in
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> writes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String key = "race-" + i;
            writes.add(pool.submit(() -> {
                try {
                    put(key, MIB);
                    return true;
                } catch (S3Exception e) {
                    assertQuotaExceeded(e);
                    return false;
                }
            }));
        }
        int stored = 0;
        for (Future<Boolean> write : writes) {
            stored += write.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(4, stored);
        long total = s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream().mapToLong(o -> o.size()).sum();
        assertEquals(11L * MIB, total, "exactly the quota, never more");

        // Deleting frees room
        s3.deleteObject(b -> b.bucket(bucket).key("big"));
        put("after-delete", 5 * MIB);
    }

    /** A user's snapshots (the provisioner announces their sizes) take room from the same quota, once each. */
    @Test
    void shouldCountSnapshotsAgainstTheQuota() throws Exception {
        StorageHarness.S3Keys keys = storage.newEnvironment();
        String snapshotId = EventIds.newId("snap");
        try (S3Client own = storage.client(keys).build()) {
            String ownBucket = "snapshots-" + Long.toHexString(System.nanoTime());
            own.createBucket(b -> b.bucket(ownBucket));
            SnapshotCreated created = new SnapshotCreated(snapshotId, "fixtures", 9L * MIB, List.of());
            storage.publishEvent(keys.environmentId(), keys.userId(), created);
            storage.publishEvent(keys.environmentId(), keys.userId(), created);
            awaitStored(keys.userId(), 9L * MIB);
            // 9 MiB held by the snapshot (once, though announced twice): 3 MiB more would pass 11
            assertQuotaExceeded(assertThrows(S3Exception.class, () -> own.putObject(b -> b.bucket(ownBucket).key("k"),
                    RequestBody.fromBytes(new byte[3 * MIB]))));
            storage.publishEvent(keys.environmentId(), keys.userId(), new SnapshotDeleted(snapshotId));
            awaitStored(keys.userId(), 0);
            own.putObject(b -> b.bucket(ownBucket).key("k"), RequestBody.fromBytes(new byte[3 * MIB]));
        }
    }

    /** A copy into a new environment is a write too: one that would pass the quota fails the service and keeps nothing. */
    @Test
    void shouldFailASeedOrARestoreThatWouldPassTheQuota() throws Exception {
        StorageHarness.S3Keys source = storage.newEnvironment();
        try (S3Client own = storage.client(source).build()) {
            own.createBucket(b -> b.bucket("large"));
            own.putObject(b -> b.bucket("large").key("six"), RequestBody.fromBytes(new byte[6 * MIB]));
            own.createBucket(b -> b.bucket("small"));
            own.putObject(b -> b.bucket("small").key("one"), RequestBody.fromBytes(new byte[MIB]));
        }
        // 7 MiB stored: a copy of "small" fits in 11, one of "large" (or of everything) does not
        String fits = copyInto(source, ServiceSeed.ofBuckets(List.of(new BucketSeed(source.environmentId(), "small"))), null);
        storage.awaitServiceStatus(fits, "running");
        String seedPasses = copyInto(source, ServiceSeed.ofBuckets(List.of(new BucketSeed(source.environmentId(), "large"))), null);
        storage.awaitServiceStatus(seedPasses, "failed");
        String snapshotId = EventIds.newId("snap");
        assertEquals(200, storage.internal("PUT", "/internal/storage/snapshots/" + snapshotId, "{\"environment_id\":\""
                + source.environmentId() + "\",\"user_id\":\"" + source.userId() + "\"}").statusCode());
        String restorePasses = copyInto(source, null, snapshotId);
        storage.awaitServiceStatus(restorePasses, "failed");
        try (S3Client copy = storage.client(storage.keysOf(fits, source.userId())).build()) {
            assertEquals(List.of("small"), copy.listBuckets().buckets().stream().map(b -> b.name()).toList());
        }
        awaitStored(source.userId(), 8L * MIB);
    }

    /** A create of aws_s3 for the source's user, seeded or from a snapshot. @return the new environment's id */
    private static String copyInto(StorageHarness.S3Keys source, ServiceSeed seed, String snapshotId) throws Exception {
        String environmentId = EventIds.newId("env");
        storage.send(environmentId, source.userId(), new CreateEnvironment("copy", Map.of("aws_s3",
                new ServiceSpec("latest", Map.of())), null, "beginner", seed == null ? Map.of() : Map.of("aws_s3", seed),
                snapshotId));
        return environmentId;
    }

    private static void awaitStored(String userId, long bytes) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = storage.internalGet("/internal/storage/usage?user_id=" + userId).body();
            if (body.contains("\"bytes\":" + bytes + ",")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("stored bytes never became " + bytes + ": " + body);
    }

    private static void put(String key, int size) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(new byte[size]));
    }

    private static void assertQuotaExceeded(S3Exception e) {
        assertEquals(403, e.statusCode(), e.getMessage());
        assertEquals("QuotaExceeded", e.awsErrorDetails().errorCode(), e.getMessage());
        assertTrue(e.awsErrorDetails().errorMessage().contains("quota"), e.getMessage());
    }
}
