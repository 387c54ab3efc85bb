package io.mockfactory.storage.s3.post;

import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.payload.ChecksumAlgorithm;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.mockfactory.storage.s3.post.FormReaderTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a form stores with its object (as PutObject stores headers), and the file content's digests and size bound. */
class FormObjectTest {
    private static PostForm form(String filename, String... pairs) throws Exception {
        MultipartBody body = MultipartBody.create().fields(MultipartBody.ordered(pairs)).file(filename, "text/plain", new byte[0]);
        return PostForm.read(new FormReader(new ByteArrayInputStream(body.close()), "----MockFactoryFormBoundary7MA4YWxkTrZu0gW",
                PostUploads.MAX_PRE_DATA));
    }

    @Test
    void shouldStoreTheContentHeadersAndMetadataAFormGives() throws Exception {
        FormObject object = FormObject.of(form("report.pdf", "key", "docs/${filename}", "Content-Type", "application/pdf",
                "Cache-Control", "max-age=60", "Content-Disposition", "attachment", "Content-Encoding", "gzip, aws-chunked",
                "Expires", "Thu, 01 Dec 2094 16:00:00 GMT", "X-Amz-Meta-Owner", "Ann", "x-amz-meta-empty", ""));
        assertEquals("docs/report.pdf", object.key());
        assertEquals("application/pdf", object.contentType());
        assertEquals(Map.of("Cache-Control", "max-age=60", "Content-Disposition", "attachment", "Content-Encoding", "gzip",
                "Expires", "Thu, 01 Dec 2094 16:00:00 GMT"), object.headers());
        assertEquals(Map.of("owner", "Ann", "empty", ""), object.userMetadata());
        assertNull(object.checksumAlgorithm());
        assertEquals("binary/octet-stream", FormObject.of(form("a", "key", "a")).contentType(), "S3's default type");
    }

    @Test
    void shouldRefuseFieldsThatCouldNotBeAnsweredAsHeaders() throws Exception {
        PostForm injected = form("a", "key", "a", "Content-Type", "text/html\r\nSet-Cookie: x=1");
        S3Exception refused = assertThrows(S3Exception.class, () -> FormObject.of(injected));
        assertEquals("InvalidArgument", refused.error().code());
        assertEquals("Content-Type", refused.details().get("ArgumentName"));
        assertCode("InvalidArgument", () -> FormObject.of(form("a", "key", "a", "x-amz-meta-a", "line\nbreak")));
        assertCode("InvalidArgument", () -> FormObject.of(form("a", "key", "a", "x-amz-meta-a b", "v")), "not a header name");
        assertCode("InvalidArgument", () -> FormObject.of(form("a", "key", "a", "x-amz-meta-big", "v".repeat(2100))),
                "metadata over S3's 2 KB");
    }

    @Test
    void shouldRequireAUsableKey() throws Exception {
        S3Exception noKey = assertThrows(S3Exception.class, () -> FormObject.of(form("a")));
        assertEquals("Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.",
                noKey.getMessage());
        assertEquals("key", noKey.details().get("ArgumentName"));
        assertCode("InvalidArgument", () -> FormObject.of(form("", "key", "${filename}")), "nothing left of the key");
        assertCode("KeyTooLongError", () -> FormObject.of(form("a", "key", "k".repeat(1025))));
    }

    @Test
    void shouldTakeTheChecksumAlgorithmNamedOrImpliedByAValue() throws Exception {
        assertEquals(ChecksumAlgorithm.SHA256, FormObject.of(form("a", "key", "a", "x-amz-checksum-algorithm", "sha256"))
                .checksumAlgorithm());
        FormObject given = FormObject.of(form("a", "key", "a", "x-amz-checksum-crc32", "NSRBwg=="));
        assertEquals(ChecksumAlgorithm.CRC32, given.checksumAlgorithm());
        assertEquals("NSRBwg==", given.expectedChecksum());
        assertCode("InvalidRequest", () -> FormObject.of(form("a", "key", "a", "x-amz-checksum-algorithm", "md4")));
    }

    @Test
    void shouldDigestTheFileAndCutItOffPastItsLargestSize() throws Exception {
        byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
        IncomingFile file = new IncomingFile(new ByteArrayInputStream(content), 5, ChecksumAlgorithm.CRC32);
        assertArrayEquals(content, file.readAllBytes());
        IncomingFile.Received received = file.verify("NhCmhg==");
        assertEquals(5, received.size());
        assertEquals("5d41402abc4b2a76b9719d911017c592", received.md5Hex());
        IncomingFile wrong = new IncomingFile(new ByteArrayInputStream(content), 5, ChecksumAlgorithm.CRC32);
        wrong.readAllBytes();
        assertCode("BadDigest", () -> wrong.verify("AAAAAA=="));

        IncomingFile large = new IncomingFile(new ByteArrayInputStream(content), 4, null);
        S3Exception tooLarge = assertThrows(S3Exception.class, large::readAllBytes);
        assertEquals("EntityTooLarge", tooLarge.error().code());
        assertEquals("4", tooLarge.details().get("MaxSizeAllowed"));
        assertTrue(large.tooLarge());
    }
}
