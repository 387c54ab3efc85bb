package io.mockfactory.storage;

import io.mockfactory.storage.s3.payload.IndependentChecksums;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Multipart checksums (COMPOSITE and FULL_OBJECT), {@code ?partNumber=} reads and GetObjectAttributes through the real
 * AWS SDK v2, whose own response validation checks every FULL_OBJECT CRC32/CRC32C and part checksum we send back.
 * Expected values are computed here independently (java.util.zip, MessageDigest, a bitwise CRC-64/NVME).
 * CRC64NVME parts carry a value computed here: the SDK computes that algorithm only with its native CRT library.
 */
class S3ChecksumsIT extends OneEnvironmentS3 {
    private static final int FIVE_MIB = 5 * 1024 * 1024;
    private static final List<ObjectAttributes> EVERY_ATTRIBUTE = List.of(ObjectAttributes.E_TAG, ObjectAttributes.CHECKSUM,
            ObjectAttributes.OBJECT_PARTS, ObjectAttributes.STORAGE_CLASS, ObjectAttributes.OBJECT_SIZE);

    private static String bucket(String name) {
        String bucket = name + "-" + Long.toHexString(System.nanoTime());
        s3.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** A completed upload: its parts' bytes and checksums, and what CompleteMultipartUpload answered. */
    record Uploaded(String key, List<byte[]> parts, List<String> partChecksums, CompleteMultipartUploadResponse completed) {
        byte[] content() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            parts.forEach(all::writeBytes);
            return all.toByteArray();
        }
    }

    /**
     * @param type          sent on CreateMultipartUpload, or null for the algorithm's default
     * @param sendChecksums whether CompleteMultipartUpload repeats the part checksums
     */
    private static Uploaded upload(String bucket, String key, ChecksumAlgorithm algorithm, ChecksumType type,
                                   boolean sendChecksums, int... sizes) {
        CreateMultipartUploadResponse created = s3.createMultipartUpload(c -> c.bucket(bucket).key(key)
                .checksumAlgorithm(algorithm).checksumType(type));
        assertEquals(algorithm, created.checksumAlgorithm());
        assertEquals(type != null ? type : algorithm == ChecksumAlgorithm.CRC64_NVME ? ChecksumType.FULL_OBJECT
                : ChecksumType.COMPOSITE, created.checksumType());
        List<byte[]> parts = new ArrayList<>();
        List<String> checksums = new ArrayList<>();
        List<CompletedPart> completed = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            int number = i + 1;
            byte[] part = random(sizes[i], key.hashCode() + i);
            String checksum = base64(independently(algorithm, part));
            UploadPartRequest.Builder request = UploadPartRequest.builder().bucket(bucket).key(key)
                    .uploadId(created.uploadId()).partNumber(number);
            if (algorithm == ChecksumAlgorithm.CRC64_NVME) {
                request.checksumCRC64NVME(checksum);
            } else {
                request.checksumAlgorithm(algorithm);
            }
            UploadPartResponse response = s3.uploadPart(request.build(), RequestBody.fromBytes(part));
            assertEquals(checksum, checksumOf(response, algorithm), "part " + number + " echoes its checksum");
            parts.add(part);
            checksums.add(checksum);
            CompletedPart.Builder done = CompletedPart.builder().partNumber(number).eTag(response.eTag());
            completed.add((sendChecksums ? withChecksum(done, algorithm, checksum) : done).build());
        }
        CompleteMultipartUploadResponse response = s3.completeMultipartUpload(c -> c.bucket(bucket).key(key)
                .uploadId(created.uploadId()).multipartUpload(m -> m.parts(completed)));
        return new Uploaded(key, parts, checksums, response);
    }

    @Test
    void shouldGiveEachAlgorithmItsCompositeOrFullObjectChecksum() throws Exception {
        String bucket = bucket("algorithms");
        record Case(ChecksumAlgorithm algorithm, ChecksumType type, boolean sendChecksums) {
        }
        for (Case c : List.of(new Case(ChecksumAlgorithm.CRC32, null, true), new Case(ChecksumAlgorithm.CRC32_C, null, true),
                new Case(ChecksumAlgorithm.SHA1, ChecksumType.COMPOSITE, true), new Case(ChecksumAlgorithm.SHA256, null, true),
                new Case(ChecksumAlgorithm.CRC64_NVME, null, false), new Case(ChecksumAlgorithm.CRC32, ChecksumType.FULL_OBJECT, true),
                new Case(ChecksumAlgorithm.CRC32_C, ChecksumType.FULL_OBJECT, false))) {
            String key = c.algorithm() + "-" + c.type();
            Uploaded uploaded = upload(bucket, key, c.algorithm(), c.type(), c.sendChecksums(), FIVE_MIB + 3, 1234);
            byte[] content = uploaded.content();
            ChecksumType type = c.type() != null ? c.type()
                    : c.algorithm() == ChecksumAlgorithm.CRC64_NVME ? ChecksumType.FULL_OBJECT : ChecksumType.COMPOSITE;
            String expected = type == ChecksumType.COMPOSITE ? composite(c.algorithm(), uploaded.partChecksums())
                    : base64(independently(c.algorithm(), content));
            assertEquals(expected, checksumOf(uploaded.completed(), c.algorithm()), key);
            assertEquals(type, uploaded.completed().checksumType(), key);

            HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
            assertEquals(expected, checksumOf(head, c.algorithm()), key);
            assertEquals(type, head.checksumType(), key);
            assertNull(checksumOf(s3.headObject(h -> h.bucket(bucket).key(key)), c.algorithm()), "only when asked for");
            // The SDK checks a FULL_OBJECT CRC32/CRC32C against the bytes it reads
            assertArrayEquals(content, s3.getObjectAsBytes(g -> g.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED))
                    .asByteArray(), key);

            try (ResponseInputStream<GetObjectResponse> second = s3.getObject(g -> g.bucket(bucket).key(key).partNumber(2)
                    .checksumMode(ChecksumMode.ENABLED))) {
                assertArrayEquals(uploaded.parts().get(1), second.readAllBytes(), key);
                GetObjectResponse response = second.response();
                assertEquals(2, response.partsCount());
                assertEquals("bytes " + (FIVE_MIB + 3) + "-" + (content.length - 1) + "/" + content.length, response.contentRange());
                assertEquals(uploaded.completed().eTag(), response.eTag(), "the ETag of the whole object");
                // A part of a COMPOSITE object has its own checksum (the SDK checks it); one of a FULL_OBJECT object none
                assertEquals(type == ChecksumType.COMPOSITE ? uploaded.partChecksums().get(1) : null,
                        checksumOf(response, c.algorithm()), key);
            }

            GetObjectAttributesResponse attributes = s3.getObjectAttributes(a -> a.bucket(bucket).key(key)
                    .objectAttributes(EVERY_ATTRIBUTE));
            assertEquals(uploaded.completed().eTag().replace("\"", ""), attributes.eTag(), "unquoted, as S3 gives it");
            assertEquals(expected.replaceAll("-2$", ""), checksumOf(attributes, c.algorithm()), "no -N there");
            assertEquals(type, attributes.checksum().checksumType());
            assertEquals(2, attributes.objectParts().totalPartsCount());
            assertEquals(content.length, attributes.objectSize());
            assertEquals("STANDARD", attributes.storageClassAsString());
            assertTrue(attributes.lastModified() != null);
            List<ObjectPart> parts = attributes.objectParts().parts();
            if (type == ChecksumType.COMPOSITE) {
                assertEquals(List.of(1, 2), parts.stream().map(ObjectPart::partNumber).toList());
                assertEquals(List.of((long) FIVE_MIB + 3, 1234L), parts.stream().map(ObjectPart::size).toList());
                assertEquals(uploaded.partChecksums(), parts.stream().map(part -> checksumOf(part, c.algorithm())).toList());
            } else {
                assertTrue(parts.isEmpty(), "S3 lists the parts of a COMPOSITE object only");
            }
        }
        for (S3Object listed : s3.listObjectsV2(l -> l.bucket(bucket)).contents()) {
            assertEquals(1, listed.checksumAlgorithm().size(), listed.key());
            assertEquals(listed.key().endsWith("FULL_OBJECT") || listed.key().startsWith("CRC64")
                    ? ChecksumType.FULL_OBJECT : ChecksumType.COMPOSITE, listed.checksumType(), listed.key());
        }
    }

    @Test
    void shouldPageThePartsOfACompositeObjectAndCopyWithChecksums() throws Exception {
        String bucket = bucket("paging");
        s3.putBucketVersioning(v -> v.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        byte[] source = random(3000, 99);
        s3.putObject(p -> p.bucket(bucket).key("source"), RequestBody.fromBytes(source));
        String uploadId = s3.createMultipartUpload(c -> c.bucket(bucket).key("big").checksumAlgorithm(ChecksumAlgorithm.SHA256))
                .uploadId();
        List<byte[]> parts = List.of(random(FIVE_MIB, 1), random(FIVE_MIB, 2), source);
        List<String> checksums = parts.stream().map(part -> base64(independently(ChecksumAlgorithm.SHA256, part))).toList();
        List<CompletedPart> completed = new ArrayList<>();
        for (int number = 1; number <= 2; number++) {
            int n = number;
            String etag = s3.uploadPart(u -> u.bucket(bucket).key("big").uploadId(uploadId).partNumber(n)
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(parts.get(n - 1))).eTag();
            completed.add(CompletedPart.builder().partNumber(n).eTag(etag).checksumSHA256(checksums.get(n - 1)).build());
        }
        var copied = s3.uploadPartCopy(u -> u.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket)
                .destinationKey("big").uploadId(uploadId).partNumber(3)).copyPartResult();
        assertEquals(checksums.get(2), copied.checksumSHA256(), "a copied part gets the upload's checksum");
        completed.add(CompletedPart.builder().partNumber(3).eTag(copied.eTag()).checksumSHA256(copied.checksumSHA256()).build());

        ListPartsResponse listed = s3.listParts(l -> l.bucket(bucket).key("big").uploadId(uploadId));
        assertEquals(ChecksumAlgorithm.SHA256, listed.checksumAlgorithm());
        assertEquals(ChecksumType.COMPOSITE, listed.checksumType());
        assertEquals(checksums, listed.parts().stream().map(part -> part.checksumSHA256()).toList());

        String composite = composite(ChecksumAlgorithm.SHA256, checksums);
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket)
                .key("big").uploadId(uploadId).multipartUpload(m -> m.parts(completed))
                .checksumSHA256(composite.replace("-3", "")).build());
        assertEquals(composite, done.checksumSHA256(), "the object's checksum given without -N is checked and accepted");

        GetObjectAttributesResponse first = s3.getObjectAttributes(a -> a.bucket(bucket).key("big")
                .objectAttributes(EVERY_ATTRIBUTE).maxParts(1).partNumberMarker(1));
        assertEquals(3, first.objectParts().totalPartsCount());
        assertEquals(List.of(2), first.objectParts().parts().stream().map(ObjectPart::partNumber).toList());
        assertEquals(checksums.get(1), first.objectParts().parts().get(0).checksumSHA256());
        assertTrue(first.objectParts().isTruncated());
        assertEquals(1, first.objectParts().maxParts());
        assertEquals(1, first.objectParts().partNumberMarker());
        assertEquals(2, first.objectParts().nextPartNumberMarker());
        assertEquals(done.versionId(), first.versionId());
        GetObjectAttributesResponse rest = s3.getObjectAttributes(a -> a.bucket(bucket).key("big")
                .objectAttributes(ObjectAttributes.OBJECT_PARTS).maxParts(10).partNumberMarker(2));
        assertEquals(List.of(3), rest.objectParts().parts().stream().map(ObjectPart::partNumber).toList());
        assertFalse(rest.objectParts().isTruncated());
        assertNull(rest.eTag(), "only what was asked for");
        assertNull(rest.objectSize());

        // A copy is a single object: its checksum is the whole content's, FULL_OBJECT
        byte[] content = new Uploaded("big", parts, checksums, done).content();
        var copy = s3.copyObject(c -> c.sourceBucket(bucket).sourceKey("big").destinationBucket(bucket).destinationKey("copy"));
        assertEquals(base64(independently(ChecksumAlgorithm.SHA256, content)), copy.copyObjectResult().checksumSHA256());
        assertEquals(ChecksumType.FULL_OBJECT, copy.copyObjectResult().checksumType());
        assertEquals(copy.copyObjectResult().checksumSHA256(), s3.headObject(h -> h.bucket(bucket).key("copy")
                .checksumMode(ChecksumMode.ENABLED)).checksumSHA256());

        var version = s3.listObjectVersions(l -> l.bucket(bucket).prefix("big")).versions().get(0);
        assertEquals(List.of(ChecksumAlgorithm.SHA256), version.checksumAlgorithm());
        assertEquals(ChecksumType.COMPOSITE, version.checksumType());

        String marker = s3.deleteObject(d -> d.bucket(bucket).key("big")).versionId();
        assertThrows(NoSuchKeyException.class, () -> s3.getObjectAttributes(a -> a.bucket(bucket).key("big")
                .objectAttributes(ObjectAttributes.E_TAG)));
        S3Exception byMarker = assertThrows(S3Exception.class, () -> s3.getObjectAttributes(a -> a.bucket(bucket).key("big")
                .versionId(marker).objectAttributes(ObjectAttributes.E_TAG)));
        assertEquals(405, byMarker.statusCode(), "a delete marker asked for by id");
        GetObjectAttributesResponse old = s3.getObjectAttributes(a -> a.bucket(bucket).key("big").versionId(done.versionId())
                .objectAttributes(ObjectAttributes.OBJECT_SIZE, ObjectAttributes.CHECKSUM));
        assertEquals(content.length, old.objectSize());
        assertEquals(composite.replace("-3", ""), old.checksum().checksumSHA256());
        try (ResponseInputStream<GetObjectResponse> third = s3.getObject(g -> g.bucket(bucket).key("big")
                .versionId(done.versionId()).partNumber(3))) {
            assertArrayEquals(source, third.readAllBytes(), "partNumber together with versionId");
            assertEquals(3, third.response().partsCount());
        }
    }

    @Test
    void shouldGiveAnUploadWithoutAnAlgorithmS3sDefaultCrc64Nvme() throws Exception {
        String bucket = bucket("default");
        CreateMultipartUploadResponse created = s3.createMultipartUpload(c -> c.bucket(bucket).key("plain"));
        assertNull(created.checksumAlgorithm());
        assertNull(created.checksumType());
        List<byte[]> parts = List.of(random(FIVE_MIB, 5), random(777, 6));
        List<CompletedPart> completed = new ArrayList<>();
        for (int number = 1; number <= parts.size(); number++) {
            int n = number;
            // The SDK adds its default CRC32 to each part; S3 takes it whatever the upload's algorithm
            UploadPartResponse part = s3.uploadPart(u -> u.bucket(bucket).key("plain").uploadId(created.uploadId()).partNumber(n),
                    RequestBody.fromBytes(parts.get(n - 1)));
            assertEquals(base64(independently(ChecksumAlgorithm.CRC32, parts.get(n - 1))), part.checksumCRC32());
            completed.add(CompletedPart.builder().partNumber(n).eTag(part.eTag()).build());
        }
        assertTrue(s3.listParts(l -> l.bucket(bucket).key("plain").uploadId(created.uploadId())).parts().stream()
                .allMatch(part -> part.checksumCRC32() == null), "an upload without an algorithm lists no part checksums");
        S3Exception listed = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(c -> c.bucket(bucket).key("plain")
                .uploadId(created.uploadId()).multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1)
                        .eTag(completed.get(0).eTag()).checksumCRC32(base64(independently(ChecksumAlgorithm.CRC32, parts.get(0))))
                        .build(), completed.get(1)))));
        assertEquals("InvalidPart", listed.awsErrorDetails().errorCode(), "nor compares any");

        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(c -> c.bucket(bucket).key("plain")
                .uploadId(created.uploadId()).multipartUpload(m -> m.parts(completed)));
        byte[] content = new Uploaded("plain", parts, List.of(), done).content();
        String crc64 = base64(independently(ChecksumAlgorithm.CRC64_NVME, content));
        assertEquals(crc64, done.checksumCRC64NVME());
        assertEquals(ChecksumType.FULL_OBJECT, done.checksumType());
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("plain").checksumMode(ChecksumMode.ENABLED));
        assertEquals(crc64, head.checksumCRC64NVME());
        assertEquals(ChecksumType.FULL_OBJECT, head.checksumType());
        GetObjectAttributesResponse attributes = s3.getObjectAttributes(a -> a.bucket(bucket).key("plain")
                .objectAttributes(EVERY_ATTRIBUTE));
        assertEquals(crc64, attributes.checksum().checksumCRC64NVME());
        assertEquals(2, attributes.objectParts().totalPartsCount());
        assertTrue(attributes.objectParts().parts().isEmpty());
    }

    @Test
    void shouldRefuseWhatS3Refuses() throws Exception {
        String bucket = bucket("refusals");
        s3.putObject(p -> p.bucket(bucket).key("single").checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromString("body"));
        try (ResponseInputStream<GetObjectResponse> whole = s3.getObject(g -> g.bucket(bucket).key("single").partNumber(1)
                .checksumMode(ChecksumMode.ENABLED))) {
            assertArrayEquals("body".getBytes(), whole.readAllBytes());
            assertEquals("bytes 0-3/4", whole.response().contentRange(), "partNumber=1 is all of an object that is not multipart");
            assertNull(whole.response().partsCount());
            assertEquals(ChecksumType.FULL_OBJECT, whole.response().checksumType());
        }
        refused(416, "InvalidPartNumber", () -> s3.getObject(g -> g.bucket(bucket).key("single").partNumber(2)));
        refused(400, "InvalidRequest", () -> s3.getObject(g -> g.bucket(bucket).key("single").partNumber(1).range("bytes=0-1")));
        assertEquals(416, assertThrows(S3Exception.class, () -> s3.headObject(h -> h.bucket(bucket).key("single").partNumber(2)))
                .statusCode());
        refused(400, "InvalidRequest", () -> s3.createMultipartUpload(c -> c.bucket(bucket).key("k")
                .checksumAlgorithm(ChecksumAlgorithm.SHA1).checksumType(ChecksumType.FULL_OBJECT)));
        refused(400, "InvalidArgument", () -> s3.getObjectAttributes(a -> a.bucket(bucket).key("single")
                .objectAttributesWithStrings("ETag", "Size")));
        refused(404, "NoSuchKey", () -> s3.getObjectAttributes(a -> a.bucket(bucket).key("missing")
                .objectAttributes(ObjectAttributes.E_TAG)));

        String uploadId = s3.createMultipartUpload(c -> c.bucket(bucket).key("mp").checksumAlgorithm(ChecksumAlgorithm.CRC32_C))
                .uploadId();
        try (S3Client plain = storage.client(keys).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build()) {
            S3Exception none = refused(400, "InvalidRequest", () -> plain.uploadPart(u -> u.bucket(bucket).key("mp")
                    .uploadId(uploadId).partNumber(1), RequestBody.fromString("one")));
            assertTrue(none.getMessage().contains("expected checksum Type: crc32c, actual checksum Type: null"), none.getMessage());
        }
        S3Exception other = refused(400, "InvalidRequest", () -> s3.uploadPart(u -> u.bucket(bucket).key("mp").uploadId(uploadId)
                .partNumber(1), RequestBody.fromString("one")));
        assertTrue(other.getMessage().contains("actual checksum Type: crc32"), "the SDK's default CRC32: " + other.getMessage());
        String etag = s3.uploadPart(u -> u.bucket(bucket).key("mp").uploadId(uploadId).partNumber(1)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32_C), RequestBody.fromString("one")).eTag();
        String right = base64(independently(ChecksumAlgorithm.CRC32_C, "one".getBytes()));
        refused(400, "InvalidRequest", () -> complete(bucket, uploadId, CompletedPart.builder().partNumber(1).eTag(etag)));
        refused(400, "InvalidPart", () -> complete(bucket, uploadId, CompletedPart.builder().partNumber(1).eTag(etag)
                .checksumCRC32C(base64(independently(ChecksumAlgorithm.CRC32_C, "two".getBytes())))));
        refused(400, "BadDigest", () -> complete(bucket, uploadId, CompletedPart.builder().partNumber(1).eTag(etag)
                .checksumSHA256(base64(independently(ChecksumAlgorithm.SHA256, "one".getBytes())))));
        refused(400, "BadDigest", () -> s3.completeMultipartUpload(c -> c.bucket(bucket).key("mp").uploadId(uploadId)
                .checksumCRC32C(right).multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag)
                        .checksumCRC32C(right).build()))));
        CompleteMultipartUploadResponse done = complete(bucket, uploadId, CompletedPart.builder().partNumber(1).eTag(etag)
                .checksumCRC32C(right));
        assertEquals(composite(ChecksumAlgorithm.CRC32_C, List.of(right)), done.checksumCRC32C());
        refused(416, "InvalidPartNumber", () -> s3.getObject(g -> g.bucket(bucket).key("mp").partNumber(2)));
    }

    private static CompleteMultipartUploadResponse complete(String bucket, String uploadId, CompletedPart.Builder part) {
        return s3.completeMultipartUpload(c -> c.bucket(bucket).key("mp").uploadId(uploadId).multipartUpload(m -> m.parts(part.build())));
    }

    private static S3Exception refused(int status, String code, org.junit.jupiter.api.function.Executable call) {
        S3Exception refused = assertThrows(S3Exception.class, call);
        assertEquals(status, refused.statusCode(), refused.getMessage());
        if (code != null && refused.awsErrorDetails().errorCode() != null) {
            assertEquals(code, refused.awsErrorDetails().errorCode(), refused.getMessage());
        }
        return refused;
    }

    private static CompletedPart.Builder withChecksum(CompletedPart.Builder part, ChecksumAlgorithm algorithm, String value) {
        return switch (algorithm) {
            case CRC32 -> part.checksumCRC32(value);
            case CRC32_C -> part.checksumCRC32C(value);
            case CRC64_NVME -> part.checksumCRC64NVME(value);
            case SHA1 -> part.checksumSHA1(value);
            case SHA256 -> part.checksumSHA256(value);
            default -> throw new IllegalArgumentException(algorithm.toString());
        };
    }

    private static String checksumOf(Object response, ChecksumAlgorithm algorithm) {
        String name = switch (algorithm) {
            case CRC32 -> "ChecksumCRC32";
            case CRC32_C -> "ChecksumCRC32C";
            case CRC64_NVME -> "ChecksumCRC64NVME";
            case SHA1 -> "ChecksumSHA1";
            case SHA256 -> "ChecksumSHA256";
            default -> throw new IllegalArgumentException(algorithm.toString());
        };
        Object holder = response instanceof GetObjectAttributesResponse attributes ? attributes.checksum() : response;
        if (holder == null) {
            return null;
        }
        return ((software.amazon.awssdk.core.SdkPojo) holder).sdkFields().stream().filter(field -> field.memberName().equals(name))
                .findFirst().map(field -> (String) field.getValueOrDefault(holder)).orElse(null);
    }

    static String composite(ChecksumAlgorithm algorithm, List<String> partChecksums) {
        return IndependentChecksums.composite(algorithm.toString(), partChecksums);
    }

    static byte[] independently(ChecksumAlgorithm algorithm, byte[] data) {
        return IndependentChecksums.of(algorithm.toString(), data);
    }

    static String base64(byte[] raw) {
        return java.util.Base64.getEncoder().encodeToString(raw);
    }

    static byte[] random(int size, long seed) {
        return IndependentChecksums.random(size, seed);
    }
}
