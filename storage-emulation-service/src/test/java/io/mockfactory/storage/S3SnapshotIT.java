package io.mockfactory.storage;

import io.mockfactory.events.EventIds;
import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.events.command.DestroyEnvironment;
import io.mockfactory.events.seed.ServiceSeed;
import io.mockfactory.events.seed.ServiceSeed.BucketSeed;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The aws_s3 part of snapshots as the provisioner asks for it (the internal PUT and DELETE) and a restore as a create
 * command from a snapshot gets it: buckets, every object version with its tags, delete markers and bucket settings
 * come back, each side's later writes stay its own, and the bytes are hard links, never copies.
 */
class S3SnapshotIT extends OneStorageService {
    private static final int OBJECTS = 200;

    @Test
    void shouldRestoreBucketsVersionsAndTagsAsOfTheSnapshotWithEachSideKeepingItsOwnWrites() throws Exception {
        StorageHarness.S3Keys source = storage.newEnvironment();
        try (S3Client original = storage.client(source).build()) {
            original.createBucket(b -> b.bucket("fixtures"));
            original.putBucketVersioning(v -> v.bucket("fixtures").versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
            original.putBucketTagging(t -> t.bucket("fixtures").tagging(g -> g.tagSet(Tag.builder().key("team").value("qa").build())));
            String first = original.putObject(p -> p.bucket("fixtures").key("doc"), RequestBody.fromString("one")).versionId();
            String second = original.putObject(p -> p.bucket("fixtures").key("doc").tagging("state=draft"),
                    RequestBody.fromString("two")).versionId();
            original.putObject(p -> p.bucket("fixtures").key("gone"), RequestBody.fromString("soon deleted"));
            original.deleteObject(d -> d.bucket("fixtures").key("gone"));
            original.createBucket(b -> b.bucket("plain"));
            IntStream.range(0, OBJECTS).forEach(i -> original.putObject(p -> p.bucket("plain").key("row-" + i)
                    .metadata(Map.of("index", String.valueOf(i))), RequestBody.fromString("value " + i)));

            String snapshotId = EventIds.newId("snap");
            HttpResponse<String> taken = take(snapshotId, source);
            assertEquals(200, taken.statusCode(), taken.body());
            assertTrue(taken.body().contains("\"buckets\":2") && taken.body().contains("\"objects\":" + (OBJECTS + 4)),
                    "2 buckets, and every version and delete marker: " + taken.body());
            assertEquals(200, take(snapshotId, source).statusCode(), "a retry answers the part taken, once");
            assertEquals(1, count("SELECT count(*) FROM s3_snapshots WHERE snapshot_id = '" + snapshotId + "'"));
            assertSharesBytes(source.environmentId(), snapshotId);

            // The source goes on after the snapshot
            original.putObject(p -> p.bucket("fixtures").key("doc"), RequestBody.fromString("three"));
            original.deleteObject(d -> d.bucket("plain").key("row-0"));
            original.putObject(p -> p.bucket("plain").key("after"), RequestBody.fromString("later"));

            StorageHarness.S3Keys restored = restore(snapshotId, source.userId());
            try (S3Client clone = storage.client(restored).build()) {
                assertEquals("two", clone.getObjectAsBytes(g -> g.bucket("fixtures").key("doc")).asUtf8String());
                assertEquals("one", clone.getObjectAsBytes(g -> g.bucket("fixtures").key("doc").versionId(first)).asUtf8String());
                ListObjectVersionsResponse versions = clone.listObjectVersions(l -> l.bucket("fixtures").prefix("doc"));
                assertEquals(List.of(second, first), versions.versions().stream().map(ObjectVersion::versionId).toList());
                assertEquals(List.of(Tag.builder().key("state").value("draft").build()),
                        clone.getObjectTagging(t -> t.bucket("fixtures").key("doc")).tagSet());
                assertEquals(BucketVersioningStatus.ENABLED, clone.getBucketVersioning(v -> v.bucket("fixtures")).status());
                assertEquals("qa", clone.getBucketTagging(t -> t.bucket("fixtures")).tagSet().get(0).value());
                assertThrows(NoSuchKeyException.class, () -> clone.getObject(g -> g.bucket("fixtures").key("gone")));
                assertEquals(1, clone.listObjectVersions(l -> l.bucket("fixtures").prefix("gone")).deleteMarkers().size());
                assertEquals(OBJECTS, keys(clone, "plain").size());
                assertEquals("value 0", clone.getObjectAsBytes(g -> g.bucket("plain").key("row-0")).asUtf8String());
                assertEquals("7", clone.headObject(h -> h.bucket("plain").key("row-7")).metadata().get("index"));

                // Each side's writes are its own
                clone.putObject(p -> p.bucket("plain").key("clone-only"), RequestBody.fromString("mine"));
                clone.deleteObject(d -> d.bucket("plain").key("row-1"));
                assertThrows(NoSuchKeyException.class, () -> original.getObject(g -> g.bucket("plain").key("clone-only")));
                assertEquals("value 1", original.getObjectAsBytes(g -> g.bucket("plain").key("row-1")).asUtf8String());
                assertEquals("three", original.getObjectAsBytes(g -> g.bucket("fixtures").key("doc")).asUtf8String());
                assertThrows(NoSuchKeyException.class, () -> clone.getObject(g -> g.bucket("plain").key("after")));

                // The snapshot and then the source go: the clone's objects keep their bytes (their own links)
                assertEquals(204, storage.internal("DELETE", "/internal/storage/snapshots/" + snapshotId, null).statusCode());
                assertEquals(204, storage.internal("DELETE", "/internal/storage/snapshots/" + snapshotId, null).statusCode());
                storage.send(source.environmentId(), source.userId(), new DestroyEnvironment("test over"));
                awaitGone(storage.blobRoot.resolve(snapshotId));
                awaitGone(storage.blobRoot.resolve(source.environmentId()));
                assertEquals("value 2", clone.getObjectAsBytes(g -> g.bucket("plain").key("row-2")).asUtf8String());
                assertEquals("one", clone.getObjectAsBytes(g -> g.bucket("fixtures").key("doc").versionId(first)).asUtf8String());
            }
        }
    }

    @Test
    void shouldHoldACloneProvisioningUntilItsSnapshotPartIsTaken() throws Exception {
        StorageHarness.S3Keys source = withOneObject("early");
        String snapshotId = EventIds.newId("snap");
        String cloneId = EventIds.newId("env");
        // A clone writes its snapshot and create commands at once: the create may come first
        storage.send(cloneId, source.userId(), fromSnapshot(snapshotId));
        StorageHarness.S3Keys clone = storage.keysOf(cloneId, source.userId());
        assertEquals("provisioning", storage.serviceStatus(cloneId));
        try (S3Client waiting = storage.client(clone).build()) {
            assertThrows(S3Exception.class, () -> waiting.listBuckets(), "a restoring service's keys are not active yet");
            assertEquals(200, take(snapshotId, source).statusCode());
            storage.awaitServiceStatus(cloneId, "running");
            assertEquals("v", waiting.getObjectAsBytes(g -> g.bucket("early").key("k")).asUtf8String());
        }
        assertEquals(0, count("SELECT count(*) FROM s3_pending_restores"));
    }

    @Test
    void shouldRestoreNothingIntoACloneDestroyedWhileItWaited() throws Exception {
        StorageHarness.S3Keys source = withOneObject("late");
        String snapshotId = EventIds.newId("snap");
        String cloneId = EventIds.newId("env");
        storage.send(cloneId, source.userId(), fromSnapshot(snapshotId));
        storage.keysOf(cloneId, source.userId());
        storage.send(cloneId, source.userId(), new DestroyEnvironment("gone before its data came"));
        storage.awaitServiceStatus(cloneId, "destroyed");
        assertEquals(200, take(snapshotId, source).statusCode());
        assertEquals("destroyed", storage.serviceStatus(cloneId));
        assertEquals(0, count("SELECT count(*) FROM buckets WHERE environment_id = '" + cloneId + "'"));
        assertEquals(0, count("SELECT count(*) FROM s3_pending_restores WHERE environment_id = '" + cloneId + "'"));
    }

    @Test
    void shouldFailTheCloneWhenItsSnapshotIsDeletedBeforeThePartCame() throws Exception {
        StorageHarness.S3Keys source = storage.newEnvironment();
        String snapshotId = EventIds.newId("snap");
        String cloneId = EventIds.newId("env");
        storage.send(cloneId, source.userId(), fromSnapshot(snapshotId));
        storage.keysOf(cloneId, source.userId());
        assertEquals(204, storage.internal("DELETE", "/internal/storage/snapshots/" + snapshotId, null).statusCode());
        assertEquals("failed", storage.serviceStatus(cloneId));
        assertEquals(0, count("SELECT count(*) FROM s3_pending_restores WHERE environment_id = '" + cloneId + "'"));
    }

    @Test
    void shouldSeedANewEnvironmentWithABucketOfTheSameUsersOtherEnvironment() throws Exception {
        StorageHarness.S3Keys source = storage.newEnvironment();
        String version;
        try (S3Client original = storage.client(source).build()) {
            original.createBucket(b -> b.bucket("fixtures"));
            original.putBucketVersioning(v -> v.bucket("fixtures").versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
            version = original.putObject(p -> p.bucket("fixtures").key("a"), RequestBody.fromString("old")).versionId();
            original.putObject(p -> p.bucket("fixtures").key("a"), RequestBody.fromString("new"));
            original.createBucket(b -> b.bucket("other"));
        }
        String seededId = EventIds.newId("env");
        storage.send(seededId, source.userId(), seeded(source.environmentId(), "fixtures"));
        StorageHarness.S3Keys seeded = storage.keysOf(seededId, source.userId());
        storage.awaitServiceStatus(seededId, "running");
        try (S3Client copy = storage.client(seeded).build(); S3Client original = storage.client(source).build()) {
            assertEquals("new", copy.getObjectAsBytes(g -> g.bucket("fixtures").key("a")).asUtf8String());
            assertEquals("old", copy.getObjectAsBytes(g -> g.bucket("fixtures").key("a").versionId(version)).asUtf8String());
            assertEquals(List.of("fixtures"), copy.listBuckets().buckets().stream().map(b -> b.name()).toList(),
                    "only the bucket the seed names");
            copy.deleteObject(d -> d.bucket("fixtures").key("a").versionId(version));
            assertEquals("old", original.getObjectAsBytes(g -> g.bucket("fixtures").key("a").versionId(version)).asUtf8String());
        }

        // Another user's bucket, or one that is not there, fails the seed (and nothing of it is copied)
        String strangerId = EventIds.newId("env");
        storage.send(strangerId, EventIds.newId("usr"), seeded(source.environmentId(), "fixtures"));
        storage.awaitServiceStatus(strangerId, "failed");
        String missingId = EventIds.newId("env");
        storage.send(missingId, source.userId(), new CreateEnvironment("seeded", Map.of("aws_s3",
                new ServiceSpec("latest", Map.of())), null, "beginner", Map.of("aws_s3", ServiceSeed.ofBuckets(List.of(
                new BucketSeed(source.environmentId(), "other"), new BucketSeed(source.environmentId(), "absent"))))));
        storage.awaitServiceStatus(missingId, "failed");
        assertEquals(0, count("SELECT count(*) FROM buckets WHERE environment_id IN ('" + strangerId + "', '" + missingId
                + "')"), "a failed seed copies nothing");
    }

    private static CreateEnvironment seeded(String sourceEnvironment, String bucket) {
        return new CreateEnvironment("seeded", Map.of("aws_s3", new ServiceSpec("latest", Map.of())), null, "beginner",
                Map.of("aws_s3", ServiceSeed.ofBuckets(List.of(new BucketSeed(sourceEnvironment, bucket)))));
    }

    @Test
    void shouldTakeNoPartOfAnotherUsersEnvironmentOrOfOneWithoutS3() throws Exception {
        StorageHarness.S3Keys source = storage.newEnvironment();
        StorageHarness.S3Keys stranger = new StorageHarness.S3Keys(source.environmentId(), EventIds.newId("usr"),
                null, null, null);
        assertEquals(404, take(EventIds.newId("snap"), stranger).statusCode());
        StorageHarness.S3Keys none = new StorageHarness.S3Keys(EventIds.newId("env"), source.userId(), null, null, null);
        assertEquals(404, take(EventIds.newId("snap"), none).statusCode());
        assertEquals(400, storage.internal("PUT", "/internal/storage/snapshots/..%2Fescape",
                "{\"environment_id\":\"" + source.environmentId() + "\",\"user_id\":\"" + source.userId() + "\"}")
                .statusCode());
        assertEquals(0, count("SELECT count(*) FROM s3_snapshots WHERE environment_id = '" + source.environmentId() + "'"));
    }

    /** A new environment with bucket {@code bucket} holding "k" = "v". */
    private static StorageHarness.S3Keys withOneObject(String bucket) throws Exception {
        StorageHarness.S3Keys source = storage.newEnvironment();
        try (S3Client original = storage.client(source).build()) {
            original.createBucket(b -> b.bucket(bucket));
            original.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromString("v"));
        }
        return source;
    }

    private static CreateEnvironment fromSnapshot(String snapshotId) {
        return new CreateEnvironment("clone", Map.of("aws_s3", new ServiceSpec("latest", Map.of())), null, "beginner",
                Map.of(), snapshotId);
    }

    private static HttpResponse<String> take(String snapshotId, StorageHarness.S3Keys of) throws Exception {
        return storage.internal("PUT", "/internal/storage/snapshots/" + snapshotId, "{\"environment_id\":\""
                + of.environmentId() + "\",\"user_id\":\"" + of.userId() + "\"}");
    }

    /** A clone of the snapshot, as a create command from it asks; its keys once the restore has made it running. */
    private static StorageHarness.S3Keys restore(String snapshotId, String userId) throws Exception {
        String cloneId = EventIds.newId("env");
        storage.send(cloneId, userId, fromSnapshot(snapshotId));
        StorageHarness.S3Keys keys = storage.keysOf(cloneId, userId);
        storage.awaitServiceStatus(cloneId, "running");
        return keys;
    }

    /** Every blob of the snapshot is a second name of the environment's file: the same inode, no byte copied. */
    private static void assertSharesBytes(String environmentId, String snapshotId) throws Exception {
        List<Path> blobs;
        try (Stream<Path> files = Files.walk(storage.blobRoot.resolve(snapshotId))) {
            blobs = files.filter(Files::isRegularFile).toList();
        }
        assertEquals(OBJECTS + 3, blobs.size(), "one link per object version with bytes (a delete marker has none)");
        for (Path blob : blobs) {
            Path original = storage.blobRoot.resolve(environmentId).resolve(blob.getParent().getFileName())
                    .resolve(blob.getFileName());
            assertEquals(Files.getAttribute(original, "unix:ino"), Files.getAttribute(blob, "unix:ino"));
        }
    }

    private static List<String> keys(S3Client s3, String bucket) {
        return s3.listObjectsV2Paginator(l -> l.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    private static void awaitGone(Path directory) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Files.exists(directory)) {
            assertTrue(System.nanoTime() < deadline, directory + " is still there");
            Thread.sleep(100);
        }
        assertFalse(Files.exists(directory));
    }
}
