package io.mockfactory.storage;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Versioning and tagging through the real AWS SDK v2 (default checksums), as S3 documents them. */
class S3VersioningIT extends OneEnvironmentS3 {
    private static String bucket(String name, BucketVersioningStatus status) {
        String bucket = name + "-" + Long.toHexString(System.nanoTime());
        s3.createBucket(b -> b.bucket(bucket));
        if (status != null) {
            s3.putBucketVersioning(v -> v.bucket(bucket).versioningConfiguration(c -> c.status(status)));
        }
        return bucket;
    }

    @Test
    void shouldKeepEveryVersionAndHideTheObjectBehindADeleteMarker() {
        String bucket = bucket("versions", BucketVersioningStatus.ENABLED);
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(g -> g.bucket(bucket)).status());
        PutObjectResponse first = s3.putObject(p -> p.bucket(bucket).key("doc"), RequestBody.fromString("one"));
        PutObjectResponse second = s3.putObject(p -> p.bucket(bucket).key("doc"), RequestBody.fromString("two"));
        assertEquals(32, first.versionId().length());
        assertNotEquals(first.versionId(), second.versionId());

        assertEquals("two", s3.getObjectAsBytes(g -> g.bucket(bucket).key("doc")).asUtf8String());
        assertEquals("one", s3.getObjectAsBytes(g -> g.bucket(bucket).key("doc").versionId(first.versionId())).asUtf8String());
        GetObjectResponse latest = s3.getObject(g -> g.bucket(bucket).key("doc")).response();
        assertEquals(second.versionId(), latest.versionId());

        DeleteObjectResponse marker = s3.deleteObject(d -> d.bucket(bucket).key("doc"));
        assertTrue(marker.deleteMarker());
        assertThrows(NoSuchKeyException.class, () -> s3.getObject(g -> g.bucket(bucket).key("doc")));
        S3Exception byId = assertThrows(S3Exception.class,
                () -> s3.headObject(h -> h.bucket(bucket).key("doc").versionId(marker.versionId())));
        assertEquals(405, byId.statusCode(), "a delete marker asked for by id is 405, as S3 answers");
        assertEquals("two", s3.getObjectAsBytes(g -> g.bucket(bucket).key("doc").versionId(second.versionId())).asUtf8String());
        assertTrue(s3.listObjectsV2(l -> l.bucket(bucket)).contents().isEmpty(), "a deleted key is not listed");

        ListObjectVersionsResponse listed = s3.listObjectVersions(l -> l.bucket(bucket));
        assertEquals(List.of(second.versionId(), first.versionId()), listed.versions().stream().map(ObjectVersion::versionId).toList());
        assertFalse(listed.versions().get(0).isLatest());
        assertEquals(1, listed.deleteMarkers().size());
        assertTrue(listed.deleteMarkers().get(0).isLatest());

        // Removing the marker brings the object back; removing a version for good promotes the next
        s3.deleteObject(d -> d.bucket(bucket).key("doc").versionId(marker.versionId()));
        assertEquals("two", s3.getObjectAsBytes(g -> g.bucket(bucket).key("doc")).asUtf8String());
        s3.deleteObject(d -> d.bucket(bucket).key("doc").versionId(second.versionId()));
        assertEquals("one", s3.getObjectAsBytes(g -> g.bucket(bucket).key("doc")).asUtf8String());
        S3Exception gone = assertThrows(S3Exception.class,
                () -> s3.getObject(g -> g.bucket(bucket).key("doc").versionId(second.versionId())));
        assertEquals("NoSuchVersion", gone.awsErrorDetails().errorCode());
        S3Exception invalid = assertThrows(S3Exception.class,
                () -> s3.getObject(g -> g.bucket(bucket).key("doc").versionId("not-a-version")));
        assertEquals(400, invalid.statusCode());

        S3Exception notEmpty = assertThrows(S3Exception.class, () -> s3.deleteBucket(d -> d.bucket(bucket)));
        assertEquals("BucketNotEmpty", notEmpty.awsErrorDetails().errorCode(), "a remaining version keeps the bucket");
        s3.deleteObject(d -> d.bucket(bucket).key("doc").versionId(first.versionId()));
        s3.deleteBucket(d -> d.bucket(bucket));
    }

    @Test
    void shouldWriteTheNullVersionWhenSuspended() {
        String bucket = bucket("suspended", null);
        s3.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromString("before versioning"));
        assertNull(s3.getObject(g -> g.bucket(bucket).key("k")).response().versionId(), "a never-versioned bucket names no versions");
        s3.putBucketVersioning(v -> v.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        String enabled = s3.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromString("versioned")).versionId();
        s3.putBucketVersioning(v -> v.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED)));
        assertEquals("null", s3.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromString("suspended")).versionId());

        List<ObjectVersion> versions = s3.listObjectVersions(l -> l.bucket(bucket)).versions();
        assertEquals(List.of("null", enabled), versions.stream().map(ObjectVersion::versionId).toList(),
                "the suspended write replaced the pre-versioning null version and kept the enabled one");
        assertEquals("suspended", s3.getObjectAsBytes(g -> g.bucket(bucket).key("k").versionId("null")).asUtf8String());

        DeleteObjectResponse deleted = s3.deleteObject(d -> d.bucket(bucket).key("k"));
        assertEquals("null", deleted.versionId());
        assertTrue(deleted.deleteMarker());
        ListObjectVersionsResponse after = s3.listObjectVersions(l -> l.bucket(bucket));
        assertEquals(List.of(enabled), after.versions().stream().map(ObjectVersion::versionId).toList());
        assertEquals(List.of("null"), after.deleteMarkers().stream().map(DeleteMarkerEntry::versionId).toList());
    }

    @Test
    void shouldPageVersionsWithKeyAndVersionMarkersAndDelimiter() {
        String bucket = bucket("paging", BucketVersioningStatus.ENABLED);
        List<String> expected = new ArrayList<>();
        for (String key : List.of("a", "b", "dir/x", "dir/y", "e")) {
            List<String> ids = new ArrayList<>();
            IntStream.range(0, 3).forEach(i -> ids.add(0, key + "@" + s3.putObject(p -> p.bucket(bucket).key(key),
                    RequestBody.fromString(key + i)).versionId()));
            expected.addAll(ids);
        }
        List<String> seen = new ArrayList<>();
        String keyMarker = null;
        String versionMarker = null;
        int pages = 0;
        do {
            String km = keyMarker;
            String vm = versionMarker;
            ListObjectVersionsResponse page = s3.listObjectVersions(l -> l.bucket(bucket).maxKeys(4).keyMarker(km).versionIdMarker(vm));
            page.versions().forEach(v -> seen.add(v.key() + "@" + v.versionId()));
            keyMarker = page.isTruncated() ? page.nextKeyMarker() : null;
            versionMarker = page.isTruncated() ? page.nextVersionIdMarker() : null;
            pages++;
        } while (keyMarker != null);
        assertEquals(expected, seen, "every version once, by key then newest first");
        assertEquals(4, pages);

        ListObjectVersionsResponse rolled = s3.listObjectVersions(l -> l.bucket(bucket).delimiter("/"));
        assertEquals(List.of("dir/"), rolled.commonPrefixes().stream().map(p -> p.prefix()).toList());
        assertEquals(9, rolled.versions().size());
        assertEquals(6, s3.listObjectVersions(l -> l.bucket(bucket).prefix("dir/")).versions().size());
    }

    @Test
    void shouldCopyAVersionAndDeleteVersionsInBulk() {
        String bucket = bucket("copy", BucketVersioningStatus.ENABLED);
        String v1 = s3.putObject(p -> p.bucket(bucket).key("src"), RequestBody.fromString("first")).versionId();
        s3.putObject(p -> p.bucket(bucket).key("src"), RequestBody.fromString("second"));
        var copied = s3.copyObject(c -> c.sourceBucket(bucket).sourceKey("src").sourceVersionId(v1)
                .destinationBucket(bucket).destinationKey("dst"));
        assertEquals(v1, copied.copySourceVersionId());
        assertEquals("first", s3.getObjectAsBytes(g -> g.bucket(bucket).key("dst")).asUtf8String());

        DeleteObjectsResponse bulk = s3.deleteObjects(d -> d.bucket(bucket).delete(x -> x.objects(
                ObjectIdentifier.builder().key("src").versionId(v1).build(), ObjectIdentifier.builder().key("dst").build())));
        assertEquals(2, bulk.deleted().size());
        assertTrue(bulk.deleted().stream().anyMatch(d -> d.key().equals("dst") && d.deleteMarker()));
        assertEquals("second", s3.getObjectAsBytes(g -> g.bucket(bucket).key("src")).asUtf8String());
        S3Exception gone = assertThrows(S3Exception.class, () -> s3.getObject(g -> g.bucket(bucket).key("src").versionId(v1)));
        assertEquals(404, gone.statusCode());
    }

    @Test
    void shouldVersionMultipartUploads() {
        String bucket = bucket("multipart", BucketVersioningStatus.ENABLED);
        String old = s3.putObject(p -> p.bucket(bucket).key("big"), RequestBody.fromString("small")).versionId();
        String upload = s3.createMultipartUpload(c -> c.bucket(bucket).key("big").tagging("stage=final")).uploadId();
        String etag = s3.uploadPart(u -> u.bucket(bucket).key("big").uploadId(upload).partNumber(1),
                RequestBody.fromString("assembled")).eTag();
        String version = s3.completeMultipartUpload(c -> c.bucket(bucket).key("big").uploadId(upload)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))).versionId();
        assertNotEquals(old, version);
        assertEquals("small", s3.getObjectAsBytes(g -> g.bucket(bucket).key("big").versionId(old)).asUtf8String());
        assertEquals(List.of(Tag.builder().key("stage").value("final").build()),
                s3.getObjectTagging(t -> t.bucket(bucket).key("big")).tagSet(), "tags given at create reach the object");
    }

    @Test
    void shouldTagObjectsPerVersionAndBuckets() {
        String bucket = bucket("tags", BucketVersioningStatus.ENABLED);
        String v1 = s3.putObject(p -> p.bucket(bucket).key("t").tagging("env=test&team=qa"), RequestBody.fromString("1")).versionId();
        assertEquals(2, s3.getObject(g -> g.bucket(bucket).key("t")).response().tagCount());
        String v2 = s3.putObject(p -> p.bucket(bucket).key("t"), RequestBody.fromString("2")).versionId();
        assertTrue(s3.getObjectTagging(t -> t.bucket(bucket).key("t")).tagSet().isEmpty());
        assertEquals(v2, s3.putObjectTagging(t -> t.bucket(bucket).key("t").tagging(x -> x.tagSet(
                Tag.builder().key("retain").value("7d").build()))).versionId());
        assertEquals(List.of("env", "team"), s3.getObjectTagging(t -> t.bucket(bucket).key("t").versionId(v1)).tagSet()
                .stream().map(Tag::key).sorted().toList(), "each version keeps its own tags");
        s3.deleteObjectTagging(t -> t.bucket(bucket).key("t"));
        assertTrue(s3.getObjectTagging(t -> t.bucket(bucket).key("t")).tagSet().isEmpty());

        var copy = s3.copyObject(c -> c.sourceBucket(bucket).sourceKey("t").sourceVersionId(v1).destinationBucket(bucket)
                .destinationKey("copied"));
        assertEquals(2, s3.getObjectTagging(t -> t.bucket(bucket).key("copied")).tagSet().size(), "COPY keeps the tags");
        s3.copyObject(c -> c.sourceBucket(bucket).sourceKey("t").sourceVersionId(v1).destinationBucket(bucket)
                .destinationKey("replaced").taggingDirective("REPLACE").tagging("only=this"));
        assertEquals(List.of("only"), s3.getObjectTagging(t -> t.bucket(bucket).key("replaced")).tagSet().stream().map(Tag::key).toList());
        assertTrue(copy.versionId() != null);

        S3Exception tooMany = assertThrows(S3Exception.class, () -> s3.putObjectTagging(t -> t.bucket(bucket).key("t")
                .tagging(x -> x.tagSet(IntStream.range(0, 11).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList()))));
        assertEquals("BadRequest", tooMany.awsErrorDetails().errorCode());
        S3Exception longKey = assertThrows(S3Exception.class, () -> s3.putObjectTagging(t -> t.bucket(bucket).key("t")
                .tagging(x -> x.tagSet(Tag.builder().key("k".repeat(129)).value("v").build()))));
        assertEquals("InvalidTag", longKey.awsErrorDetails().errorCode());
        S3Exception longValue = assertThrows(S3Exception.class, () -> s3.putObject(p -> p.bucket(bucket).key("v")
                .tagging("k=" + "v".repeat(257)), RequestBody.fromString("x")));
        assertEquals("InvalidTag", longValue.awsErrorDetails().errorCode());
        S3Exception reserved = assertThrows(S3Exception.class, () -> s3.putObjectTagging(t -> t.bucket(bucket).key("t")
                .tagging(x -> x.tagSet(Tag.builder().key("aws:owner").value("v").build()))));
        assertEquals("InvalidTag", reserved.awsErrorDetails().errorCode());

        S3Exception none = assertThrows(S3Exception.class, () -> s3.getBucketTagging(t -> t.bucket(bucket)));
        assertEquals("NoSuchTagSet", none.awsErrorDetails().errorCode());
        s3.putBucketTagging(t -> t.bucket(bucket).tagging(x -> x.tagSet(Tag.builder().key("cost-center").value("42").build())));
        assertEquals("42", s3.getBucketTagging(t -> t.bucket(bucket)).tagSet().get(0).value());
        s3.deleteBucketTagging(t -> t.bucket(bucket));
        assertThrows(S3Exception.class, () -> s3.getBucketTagging(t -> t.bucket(bucket)));
    }
}
