package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.ops.CompletionDocument.SentChecksum;
import io.mockfactory.storage.s3.ops.MultipartChecksums.Choice;
import io.mockfactory.storage.s3.payload.ChecksumAlgorithm;
import io.mockfactory.storage.s3.payload.ChecksumType;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The multipart checksum rules with S3's codes and messages (as S3 itself answered them in LocalStack's validated runs). */
class MultipartChecksumsTest {
    private static final Choice CRC32_COMPOSITE = new Choice(ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE);
    private static final Choice CRC32C_FULL = new Choice(ChecksumAlgorithm.CRC32C, ChecksumType.FULL_OBJECT);

    @Test
    void shouldChooseTheTypeOfAnUploadAsCreateMultipartUploadDoes() {
        assertEquals(new Choice(ChecksumAlgorithm.SHA256, ChecksumType.COMPOSITE),
                MultipartChecksums.forCreate(request("x-amz-checksum-algorithm", "sha256")));
        assertEquals(new Choice(ChecksumAlgorithm.CRC64NVME, ChecksumType.FULL_OBJECT),
                MultipartChecksums.forCreate(request("x-amz-checksum-algorithm", "CRC64NVME")));
        assertEquals(CRC32C_FULL, MultipartChecksums.forCreate(request("x-amz-checksum-algorithm", "CRC32C",
                "x-amz-checksum-type", "FULL_OBJECT")));
        assertEquals(Choice.NONE, MultipartChecksums.forCreate(request()));

        refused("InvalidRequest", "Checksum algorithm provided is unsupported. Please try again with any of the valid types:"
                + " [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]", () -> MultipartChecksums.forCreate(
                        request("x-amz-checksum-algorithm", "MD4")));
        refused("InvalidRequest", "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.",
                () -> MultipartChecksums.forCreate(request("x-amz-checksum-type", "COMPOSITE")));
        refused("InvalidRequest", "Value for x-amz-checksum-type header is invalid.", () -> MultipartChecksums.forCreate(
                request("x-amz-checksum-algorithm", "CRC32", "x-amz-checksum-type", "PARTS")));
        refused("InvalidRequest", "The FULL_OBJECT checksum type cannot be used with the sha1 checksum algorithm.",
                () -> MultipartChecksums.forCreate(request("x-amz-checksum-algorithm", "SHA1", "x-amz-checksum-type", "FULL_OBJECT")));
        refused("InvalidRequest", "The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.",
                () -> MultipartChecksums.forCreate(request("x-amz-checksum-algorithm", "CRC64NVME", "x-amz-checksum-type", "COMPOSITE")));
    }

    @Test
    void shouldRefuseAPartOfAnotherAlgorithmAndOneWithoutForACompositeUpload() {
        MultipartChecksums.checkDeclared(CRC32_COMPOSITE, ChecksumAlgorithm.CRC32);
        MultipartChecksums.checkDeclared(Choice.NONE, ChecksumAlgorithm.SHA1);
        MultipartChecksums.checkDeclared(CRC32C_FULL, null);
        assertEquals(ChecksumAlgorithm.CRC32C, MultipartChecksums.computedForPart(CRC32C_FULL), "S3 computes it");
        assertNull(MultipartChecksums.computedForPart(CRC32_COMPOSITE));
        refused("InvalidRequest", "Checksum Type mismatch occurred, expected checksum Type: crc32, actual checksum Type: null",
                () -> MultipartChecksums.checkDeclared(CRC32_COMPOSITE, null));
        refused("InvalidRequest", "Checksum Type mismatch occurred, expected checksum Type: crc32c, actual checksum Type: crc32",
                () -> MultipartChecksums.checkDeclared(CRC32C_FULL, ChecksumAlgorithm.CRC32));
    }

    @Test
    void shouldCheckThePartsOfACompleteMultipartUpload() {
        Optional<SentChecksum> sent = Optional.of(new SentChecksum(ChecksumAlgorithm.CRC32, "NRU+Sw=="));
        assertTrue(MultipartChecksums.checkPart(CRC32_COMPOSITE, 1, sent, "NRU+Sw=="));
        assertFalse(MultipartChecksums.checkPart(CRC32_COMPOSITE, 1, sent, "TBHN8A=="), "InvalidPart, said by the caller");
        assertTrue(MultipartChecksums.checkPart(CRC32C_FULL, 1, Optional.empty(), "2/Ckiw=="), "optional for FULL_OBJECT");
        assertFalse(MultipartChecksums.checkPart(Choice.NONE, 1, sent, null), "an upload without an algorithm compares none");
        refused("InvalidRequest", "The upload was created using a crc32 checksum. The complete request must include the checksum"
                + " for each part. It was missing for part 2 in the request.",
                () -> MultipartChecksums.checkPart(CRC32_COMPOSITE, 2, Optional.empty(), "NRU+Sw=="));
        refused("BadDigest", "The sha256 you specified for part 1 did not match what we received.",
                () -> MultipartChecksums.checkPart(CRC32_COMPOSITE, 1, Optional.of(new SentChecksum(ChecksumAlgorithm.SHA256,
                        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")), "NRU+Sw=="));
    }

    @Test
    void shouldCheckTheObjectChecksumACompleteGives() {
        assertTrue(MultipartChecksums.completeHeaders(request("x-amz-checksum-crc64nvme", "vqf3hRLTlJw="), Choice.NONE).isEmpty(),
                "ignored for an upload without an algorithm");
        refused("InvalidRequest", "The upload was created using the null checksum mode. The complete request must use the same"
                + " checksum mode.", () -> MultipartChecksums.completeHeaders(request("x-amz-checksum-type", "FULL_OBJECT"), Choice.NONE));
        refused("InvalidRequest", "The upload was created using the COMPOSITE checksum mode. The complete request must use the"
                + " same checksum mode.", () -> MultipartChecksums.completeHeaders(
                        request("x-amz-checksum-type", "FULL_OBJECT"), CRC32_COMPOSITE));
        refused("InvalidRequest", "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.",
                () -> MultipartChecksums.completeHeaders(request("x-amz-checksum-crc32", "sGc9Hg==", "x-amz-checksum-crc32c",
                        "/2NsFg=="), CRC32_COMPOSITE));
        refused("InvalidRequest", "Value for x-amz-checksum-crc32 header is invalid.",
                () -> MultipartChecksums.completeHeaders(request("x-amz-checksum-crc32", "5FRUiw==-a"), CRC32_COMPOSITE));
        refused("InvalidRequest", "Value for x-amz-checksum-crc32c header is invalid.", () -> MultipartChecksums.completeHeaders(
                request("x-amz-checksum-crc32c", "invalid", "x-amz-checksum-type", "FULL_OBJECT"), CRC32C_FULL));
        refused("BadDigest", "The crc32c you specified did not match the calculated checksum.", () -> MultipartChecksums
                .completeHeaders(request("x-amz-checksum-crc32c", "eTdAQA=="), CRC32C_FULL));
        refused("BadDigest", "The crc32c you specified did not match the calculated checksum.", () -> MultipartChecksums
                .completeHeaders(request("x-amz-checksum-crc64nvme", "ZMNX55lZurA=", "x-amz-checksum-type", "FULL_OBJECT"), CRC32C_FULL));

        Optional<MultipartChecksums.Expected> composite = MultipartChecksums.completeHeaders(
                request("x-amz-checksum-crc32", "5FRUiw=="), CRC32_COMPOSITE);
        List<String> parts = List.of("NRU+Sw==", "NRU+Sw==", "TBHN8A==");
        MultipartChecksums.checkComposite(CRC32_COMPOSITE, composite, parts);
        MultipartChecksums.checkComposite(CRC32_COMPOSITE, MultipartChecksums.completeHeaders(
                request("x-amz-checksum-crc32", "5FRUiw==-3"), CRC32_COMPOSITE), parts);
        refused("BadDigest", "The crc32 you specified did not match the calculated checksum.", () -> MultipartChecksums
                .checkComposite(CRC32_COMPOSITE, MultipartChecksums.completeHeaders(request("x-amz-checksum-crc32", "5FRUiw==-2"),
                        CRC32_COMPOSITE), parts));

        Optional<MultipartChecksums.Expected> full = MultipartChecksums.completeHeaders(
                request("x-amz-checksum-crc32c", "eTdAQA==", "x-amz-checksum-type", "full_object"), CRC32C_FULL);
        MultipartChecksums.checkFullObject(CRC32C_FULL, full, "eTdAQA==");
        refused("BadDigest", "The crc32c you specified did not match the calculated checksum.",
                () -> MultipartChecksums.checkFullObject(CRC32C_FULL, full, "2/Ckiw=="));
    }

    @Test
    void shouldRefuseTwoChecksumsOrAnInvalidOneForAPart() {
        String twice = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"e\"</ETag>"
                + "<ChecksumCRC32>NRU+Sw==</ChecksumCRC32><ChecksumSHA1>Kq5sNclPz7QV2+lfQIuc6R7oRu0=</ChecksumSHA1></Part>"
                + "</CompleteMultipartUpload>";
        S3Exception refused = assertThrows(S3Exception.class, () -> CompletionDocument.parts(twice.getBytes(StandardCharsets.UTF_8)));
        assertEquals("InvalidArgument", refused.error().code());
        assertEquals("Invalid Base64 or multiple checksums present in request", refused.getMessage());
        assertEquals("CRC32:NRU+Sw==;SHA1:Kq5sNclPz7QV2+lfQIuc6R7oRu0=;", refused.details().get("ArgumentValue"));
        String invalid = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>e</ETag>"
                + "<ChecksumCRC32>y/Q5Jh==</ChecksumCRC32></Part></CompleteMultipartUpload>";
        S3Exception bad = assertThrows(S3Exception.class, () -> CompletionDocument.parts(invalid.getBytes(StandardCharsets.UTF_8)));
        assertEquals("CRC32:y/Q5Jh==;", bad.details().get("ArgumentValue"));
        assertEquals("Checksum", bad.details().get("ArgumentName"));

        String fine = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Part><PartNumber>1</PartNumber>"
                + "<ETag>\"e\"</ETag><ChecksumCRC32>NRU+Sw==</ChecksumCRC32></Part></CompleteMultipartUpload>";
        CompletionDocument.RequestedPart part = CompletionDocument.parts(fine.getBytes(StandardCharsets.UTF_8)).get(0);
        assertEquals("e", part.etag());
        assertEquals(new SentChecksum(ChecksumAlgorithm.CRC32, "NRU+Sw=="), part.checksum().orElseThrow());
    }

    private static void refused(String code, String message, Executable call) {
        S3Exception refused = assertThrows(S3Exception.class, call);
        assertEquals(code, refused.error().code());
        assertEquals(message, refused.getMessage());
    }

    static S3Request request(String... headerPairs) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(headerPairs[i], headerPairs[i + 1]);
        }
        return new S3Request("POST", "/b/k?uploadId=u", headers, InputStream.nullInputStream(), "test");
    }
}
