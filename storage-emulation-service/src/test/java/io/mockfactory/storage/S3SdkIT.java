package io.mockfactory.storage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The S3 data plane driven by the real AWS SDK v2 (sync and async, default checksums on), as users' code drives it. */
class S3SdkIT {
    private static StorageHarness storage;
    private static StorageHarness.S3Keys keys;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        storage = new StorageHarness();
        keys = storage.newEnvironment();
        s3 = client(keys.accessKeyId(), keys.secretAccessKey());
    }

    @AfterAll
    static void stop() {
        s3.close();
        storage.close();
    }

    static S3Client client(String accessKeyId, String secret) {
        return client(storage, accessKeyId, secret);
    }

    static S3Client client(StorageHarness on, String accessKeyId, String secret) {
        return S3Client.builder().endpointOverride(URI.create(on.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .forcePathStyle(true).build();
    }

    private static String bucket(String name) {
        String bucket = name + "-" + Long.toHexString(System.nanoTime());
        s3.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    @Test
    void shouldPutGetHeadAndDeleteAnObjectWithMetadata() throws Exception {
        String bucket = bucket("basic");
        byte[] content = "hello, MockFactory".getBytes(StandardCharsets.UTF_8);
        String etag = s3.putObject(p -> p.bucket(bucket).key("greeting.txt").contentType("text/plain")
                .metadata(Map.of("owner", "qa")), RequestBody.fromBytes(content)).eTag();
        assertEquals("\"" + md5Hex(content) + "\"", etag);

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(g -> g.bucket(bucket).key("greeting.txt"));
        assertArrayEquals(content, got.asByteArray());
        assertEquals("text/plain", got.response().contentType());
        assertEquals("qa", got.response().metadata().get("owner"));

        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("greeting.txt"));
        assertEquals(content.length, head.contentLength());
        assertEquals(etag, head.eTag());

        s3.deleteObject(d -> d.bucket(bucket).key("greeting.txt"));
        assertThrows(NoSuchKeyException.class, () -> s3.getObject(g -> g.bucket(bucket).key("greeting.txt")));
        S3Exception missingHead = assertThrows(S3Exception.class, () -> s3.headObject(h -> h.bucket(bucket).key("greeting.txt")));
        assertEquals(404, missingHead.statusCode());
    }

    @Test
    void shouldAddressBucketsByVirtualHost() {
        String bucket = bucket("vhost");
        // Any host name resolves to this machine, as a wildcard DNS entry for *.localhost would in a deployment
        try (S3Client virtual = S3Client.builder().endpointOverride(URI.create(storage.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
                .httpClientBuilder(ApacheHttpClient.builder().dnsResolver(host -> new InetAddress[]{InetAddress.getLoopbackAddress()}))
                .forcePathStyle(false).build()) {
            virtual.putObject(p -> p.bucket(bucket).key("dir/file.txt"), RequestBody.fromString("by host"));
            assertEquals("by host", s3.getObjectAsBytes(g -> g.bucket(bucket).key("dir/file.txt")).asUtf8String(),
                    "the bucket named by the Host header is the same bucket as path-style");
            assertEquals(List.of("dir/file.txt"), virtual.listObjectsV2(l -> l.bucket(bucket)).contents().stream()
                    .map(S3Object::key).toList());
            virtual.deleteObject(d -> d.bucket(bucket).key("dir/file.txt"));
        }
    }

    @Test
    void shouldReconcileBlobsACrashLeftBehind() throws Exception {
        String bucket = bucket("reconcile");
        s3.putObject(p -> p.bucket(bucket).key("kept"), RequestBody.fromString("still here"));
        Path namespace = storage.blobRoot.resolve(keys.environmentId());
        var dayAgo = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(Duration.ofDays(1)));
        Path orphan = Files.createDirectories(namespace.resolve("ff")).resolve("ff0000000000000000000000000000aa");
        Files.setLastModifiedTime(Files.writeString(orphan, "written, never committed"), dayAgo);
        Path cutShort = namespace.resolve("ff").resolve("ff0000000000000000000000000000bb.partial");
        Files.setLastModifiedTime(Files.writeString(cutShort, "half a blob: the process died while writing it"), dayAgo);
        Path beingWritten = Files.writeString(namespace.resolve("ff").resolve("ff0000000000000000000000000000cc.partial"),
                "a write that may still be running");
        Path unowned = Files.createDirectories(storage.blobRoot.resolve("env_noSuchEnvironment").resolve("ab"));
        Files.writeString(unowned.resolve("ab00000000000000000000000000000b"), "left by a destroyed environment");
        Files.setLastModifiedTime(unowned.getParent(), dayAgo); // the namespace itself is old, not just its blobs
        Path young = Files.createDirectories(storage.blobRoot.resolve("snap_notCommittedYet").resolve("ab"));

        storage.context.getBean(io.mockfactory.storage.blob.BlobReconciler.class).reconcile();
        assertFalse(Files.exists(orphan), "an old unreferenced blob is deleted");
        assertFalse(Files.exists(cutShort), "an old partial write is deleted");
        assertTrue(Files.exists(beingWritten), "a recent partial write may still be running: kept");
        assertFalse(Files.exists(storage.blobRoot.resolve("env_noSuchEnvironment")), "a namespace nobody owns is deleted");
        assertTrue(Files.exists(young), "a young one may be a transaction's still running (a snapshot's): kept");
        assertEquals("still here", s3.getObjectAsBytes(g -> g.bucket(bucket).key("kept")).asUtf8String());
    }

    @Test
    void shouldManageBuckets() {
        String bucket = bucket("buckets");
        assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket)));
        s3.headBucket(h -> h.bucket(bucket));
        assertEquals("", s3.getBucketLocation(l -> l.bucket(bucket)).locationConstraintAsString());
        S3Exception exists = assertThrows(S3Exception.class, () -> s3.createBucket(c -> c.bucket(bucket)));
        assertEquals("BucketAlreadyOwnedByYou", exists.awsErrorDetails().errorCode());

        s3.putObject(p -> p.bucket(bucket).key("x"), RequestBody.fromString("x"));
        S3Exception notEmpty = assertThrows(S3Exception.class, () -> s3.deleteBucket(d -> d.bucket(bucket)));
        assertEquals("BucketNotEmpty", notEmpty.awsErrorDetails().errorCode());
        s3.deleteObject(d -> d.bucket(bucket).key("x"));
        s3.deleteBucket(d -> d.bucket(bucket));
        assertThrows(NoSuchBucketException.class, () -> s3.listObjectsV2(l -> l.bucket(bucket)));
    }

    @Test
    void shouldListWithPrefixDelimiterAndPages() {
        String bucket = bucket("listing");
        List<String> all = new ArrayList<>();
        for (String dir : List.of("a", "b", "c")) {
            for (int i = 0; i < 7; i++) {
                String key = dir + "/file-" + i + ".txt";
                all.add(key);
                s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(key));
            }
        }
        all.add("top.txt");
        s3.putObject(p -> p.bucket(bucket).key("top.txt"), RequestBody.fromString("top"));

        ListObjectsV2Response rolled = s3.listObjectsV2(l -> l.bucket(bucket).delimiter("/"));
        assertEquals(List.of("a/", "b/", "c/"), rolled.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
        assertEquals(List.of("top.txt"), rolled.contents().stream().map(S3Object::key).toList());

        ListObjectsV2Response underB = s3.listObjectsV2(l -> l.bucket(bucket).prefix("b/").maxKeys(3));
        assertTrue(underB.isTruncated());
        assertEquals(3, underB.keyCount());

        List<String> paged = s3.listObjectsV2Paginator(l -> l.bucket(bucket).maxKeys(4)).contents().stream()
                .map(S3Object::key).toList();
        assertEquals(all.stream().sorted().toList(), paged);

        List<String> pagedPrefixes = s3.listObjectsV2Paginator(l -> l.bucket(bucket).delimiter("/").maxKeys(1))
                .commonPrefixes().stream().map(CommonPrefix::prefix).toList();
        assertEquals(List.of("a/", "b/", "c/"), pagedPrefixes, "a rolled-up prefix is not repeated on the next page");

        List<String> afterB = s3.listObjectsV2(l -> l.bucket(bucket).startAfter("b/file-6.txt")).contents().stream()
                .map(S3Object::key).toList();
        assertEquals("c/file-0.txt", afterB.get(0));

        List<String> v1 = new ArrayList<>();
        String marker = null;
        while (true) {
            String from = marker;
            ListObjectsResponse page = s3.listObjects(l -> l.bucket(bucket).maxKeys(5).marker(from));
            page.contents().forEach(object -> v1.add(object.key()));
            if (!page.isTruncated()) {
                break;
            }
            marker = page.contents().get(page.contents().size() - 1).key();
        }
        assertEquals(all.stream().sorted().toList(), v1);
    }

    @Test
    void shouldServeRangesAndConditionalRequests() {
        String bucket = bucket("ranges");
        String etag = s3.putObject(p -> p.bucket(bucket).key("digits"), RequestBody.fromString("0123456789")).eTag();

        assertEquals("2345", s3.getObjectAsBytes(g -> g.bucket(bucket).key("digits").range("bytes=2-5")).asUtf8String());
        assertEquals("789", s3.getObjectAsBytes(g -> g.bucket(bucket).key("digits").range("bytes=-3")).asUtf8String());
        S3Exception beyond = assertThrows(S3Exception.class, () -> s3.getObject(g -> g.bucket(bucket).key("digits").range("bytes=20-30")));
        assertEquals(416, beyond.statusCode());
        assertEquals("InvalidRange", beyond.awsErrorDetails().errorCode());

        S3Exception notModified = assertThrows(S3Exception.class, () -> s3.getObject(g -> g.bucket(bucket).key("digits").ifNoneMatch(etag)));
        assertEquals(304, notModified.statusCode());
        S3Exception failed = assertThrows(S3Exception.class, () -> s3.getObject(g -> g.bucket(bucket).key("digits").ifMatch("\"other\"")));
        assertEquals(412, failed.statusCode());
        assertEquals("0123456789", s3.getObjectAsBytes(g -> g.bucket(bucket).key("digits").ifMatch(etag)).asUtf8String());

        S3Exception exists = assertThrows(S3Exception.class, () -> s3.putObject(p -> p.bucket(bucket).key("digits").ifNoneMatch("*"),
                RequestBody.fromString("overwrite")));
        assertEquals(412, exists.statusCode());
    }

    @Test
    void shouldCopyAndDeleteMany() {
        String bucket = bucket("copies");
        s3.putObject(p -> p.bucket(bucket).key("source").contentType("text/csv").metadata(Map.of("k", "v")),
                RequestBody.fromString("a,b,c"));
        String target = bucket("targets");
        s3.copyObject(c -> c.sourceBucket(bucket).sourceKey("source").destinationBucket(target).destinationKey("copy"));
        ResponseBytes<GetObjectResponse> copy = s3.getObjectAsBytes(g -> g.bucket(target).key("copy"));
        assertEquals("a,b,c", copy.asUtf8String());
        assertEquals("v", copy.response().metadata().get("k"));
        assertEquals("text/csv", copy.response().contentType());

        s3.copyObject(c -> c.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket).destinationKey("source")
                .metadataDirective("REPLACE").contentType("text/plain").metadata(Map.of("k", "replaced")));
        assertEquals("replaced", s3.headObject(h -> h.bucket(bucket).key("source")).metadata().get("k"));
        S3Exception selfCopy = assertThrows(S3Exception.class, () -> s3.copyObject(c -> c.sourceBucket(bucket)
                .sourceKey("source").destinationBucket(bucket).destinationKey("source")));
        assertEquals("InvalidRequest", selfCopy.awsErrorDetails().errorCode());

        for (int i = 0; i < 5; i++) {
            int n = i;
            s3.putObject(p -> p.bucket(bucket).key("bulk/" + n), RequestBody.fromString("x"));
        }
        DeleteObjectsResponse deleted = s3.deleteObjects(d -> d.bucket(bucket).delete(del -> del.objects(
                Stream.of(0, 1, 2, 3, 4, 99).map(n -> ObjectIdentifier.builder().key("bulk/" + n).build()).toList())));
        assertEquals(6, deleted.deleted().size());
        assertEquals(0, s3.listObjectsV2(l -> l.bucket(bucket).prefix("bulk/")).keyCount());
    }

    @Test
    void shouldUploadInPartsWithS3sMultipartEtag() throws Exception {
        String bucket = bucket("multipart");
        byte[] first = randomBytes(5 * 1024 * 1024);
        byte[] second = randomBytes(1024);
        CreateMultipartUploadResponse upload = s3.createMultipartUpload(c -> c.bucket(bucket).key("big.bin").contentType("application/zip"));
        String e1 = s3.uploadPart(u -> u.bucket(bucket).key("big.bin").uploadId(upload.uploadId()).partNumber(1),
                RequestBody.fromBytes(first)).eTag();
        String e2 = s3.uploadPart(u -> u.bucket(bucket).key("big.bin").uploadId(upload.uploadId()).partNumber(2),
                RequestBody.fromBytes(second)).eTag();
        assertEquals(2, s3.listParts(l -> l.bucket(bucket).key("big.bin").uploadId(upload.uploadId())).parts().size());
        assertTrue(s3.listMultipartUploads(l -> l.bucket(bucket)).uploads().stream()
                .anyMatch(u -> u.uploadId().equals(upload.uploadId())));

        String etag = s3.completeMultipartUpload(c -> c.bucket(bucket).key("big.bin").uploadId(upload.uploadId())
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                        CompletedPart.builder().partNumber(2).eTag(e2).build()))).eTag();

        MessageDigest partsDigest = MessageDigest.getInstance("MD5");
        partsDigest.update(MessageDigest.getInstance("MD5").digest(first));
        partsDigest.update(MessageDigest.getInstance("MD5").digest(second));
        assertEquals("\"" + HexFormat.of().formatHex(partsDigest.digest()) + "-2\"", etag);
        ResponseBytes<GetObjectResponse> whole = s3.getObjectAsBytes(g -> g.bucket(bucket).key("big.bin"));
        assertEquals(first.length + second.length, whole.asByteArray().length);
        assertEquals("application/zip", whole.response().contentType());
        assertEquals(md5Hex(concat(first, second)), md5Hex(whole.asByteArray()));
        assertFalse(s3.listMultipartUploads(l -> l.bucket(bucket)).uploads().stream()
                .anyMatch(u -> u.uploadId().equals(upload.uploadId())));

        CreateMultipartUploadResponse small = s3.createMultipartUpload(c -> c.bucket(bucket).key("small"));
        String s1 = s3.uploadPart(u -> u.bucket(bucket).key("small").uploadId(small.uploadId()).partNumber(1),
                RequestBody.fromString("tiny")).eTag();
        String s2 = s3.uploadPart(u -> u.bucket(bucket).key("small").uploadId(small.uploadId()).partNumber(2),
                RequestBody.fromString("tiny")).eTag();
        S3Exception tooSmall = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(c -> c.bucket(bucket).key("small")
                .uploadId(small.uploadId()).multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(s1).build(),
                        CompletedPart.builder().partNumber(2).eTag(s2).build()))));
        assertEquals("EntityTooSmall", tooSmall.awsErrorDetails().errorCode());
        s3.abortMultipartUpload(a -> a.bucket(bucket).key("small").uploadId(small.uploadId()));
        S3Exception gone = assertThrows(S3Exception.class, () -> s3.listParts(l -> l.bucket(bucket).key("small").uploadId(small.uploadId())));
        assertEquals("NoSuchUpload", gone.awsErrorDetails().errorCode());
    }

    /** CRC64NVME needs the SDK's native CRT library; ChecksumAlgorithmTest pins that algorithm against its test vector. */
    @Test
    void shouldStreamWithTheAsyncClientAndEachChecksumAlgorithm() throws Exception {
        String bucket = bucket("async");
        try (S3AsyncClient async = S3AsyncClient.builder().endpointOverride(URI.create(storage.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
                .forcePathStyle(true).build()) {
            byte[] content = randomBytes(3 * 1024 * 1024 + 17);
            for (ChecksumAlgorithm algorithm : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C,
                    ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256)) {
                String key = "blob-" + algorithm;
                async.putObject(p -> p.bucket(bucket).key(key).checksumAlgorithm(algorithm), AsyncRequestBody.fromBytes(content)).join();
                byte[] back = async.getObject(g -> g.bucket(bucket).key(key), AsyncResponseTransformer.toBytes()).join().asByteArray();
                assertArrayEquals(content, back, algorithm.toString());
            }
        }
    }

    @Test
    void shouldAcceptSignedPayloadsWhenChecksumsAreOnlySentWhenRequired() {
        String bucket = bucket("signed");
        try (S3Client plain = S3Client.builder().endpointOverride(URI.create(storage.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .forcePathStyle(true).build()) {
            byte[] content = randomBytes(200_000);
            plain.putObject(p -> p.bucket(bucket).key("k"), RequestBody.fromBytes(content));
            assertArrayEquals(content, plain.getObjectAsBytes(g -> g.bucket(bucket).key("k")).asByteArray());
        }
    }

    @Test
    void shouldRefuseAWrongSecretAndABadDigest() {
        String bucket = bucket("auth");
        try (S3Client wrong = client(keys.accessKeyId(), keys.secretAccessKey() + "x")) {
            S3Exception refused = assertThrows(S3Exception.class, () -> wrong.listObjectsV2(l -> l.bucket(bucket)));
            assertEquals(403, refused.statusCode());
            assertEquals("SignatureDoesNotMatch", refused.awsErrorDetails().errorCode());
        }
        try (S3Client unknown = client("AKIAUNKNOWNUNKNOWN00", "secret")) {
            S3Exception refused = assertThrows(S3Exception.class, unknown::listBuckets);
            assertEquals("InvalidAccessKeyId", refused.awsErrorDetails().errorCode());
        }
        S3Exception badDigest = assertThrows(S3Exception.class, () -> s3.putObject(p -> p.bucket(bucket).key("k")
                .contentMD5("AAAAAAAAAAAAAAAAAAAAAA=="), RequestBody.fromString("data")));
        assertEquals("BadDigest", badDigest.awsErrorDetails().errorCode());
        assertThrows(NoSuchKeyException.class, () -> s3.getObject(g -> g.bucket(bucket).key("k")), "a refused upload stores nothing");
    }

    @Test
    void shouldTreatTraversalKeysAsPlainNamesInsideTheStore() throws Exception {
        String bucket = bucket("traversal");
        List<String> hostile = List.of("../../escape.txt", "/etc/passwd", "a/./b/../../../c", "..", "caf\u00e9", "cafe\u0301",
                "%2e%2e/encoded", "spaces and+plus");
        for (String key : hostile) {
            s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString("content of " + key));
        }
        for (String key : hostile) {
            assertEquals("content of " + key, s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asUtf8String(), key);
        }
        List<String> listed = s3.listObjectsV2(l -> l.bucket(bucket)).contents().stream().map(S3Object::key).toList();
        assertEquals(hostile.size(), listed.size(), "NFC and NFD spellings are different keys, as in S3: " + listed);
        assertTrue(listed.containsAll(hostile));
        try (Stream<Path> outside = Files.walk(storage.blobRoot.getParent(), 1)) {
            assertFalse(outside.anyMatch(path -> path.getFileName().toString().contains("escape")));
        }
        try (Stream<Path> inside = Files.walk(storage.blobRoot)) {
            assertFalse(inside.anyMatch(path -> path.getFileName().toString().contains("escape")
                    || path.getFileName().toString().contains("passwd")), "no key becomes a file name");
        }
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static String md5Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }
}
