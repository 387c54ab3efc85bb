package io.mockfactory.storage.s3.post;

import io.mockfactory.storage.s3.S3Exception;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming multipart/form-data reader: parts, boundaries anywhere in the reads, and every way a body is wrong. */
class FormReaderTest {
    private static final String BOUNDARY = "----MockFactoryFormBoundary7MA4YWxkTrZu0gW";

    @Test
    void shouldReadFieldsThenStreamTheFileWhereverTheReadsSplitTheDelimiters() throws Exception {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        // Content full of near-delimiters: a line break and dashes, and the boundary less its last character
        byte[] near = ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1) + "x\r\n-\r\n--").getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at + near.length < content.length; at += 9_973) {
            System.arraycopy(near, 0, content, at, near.length);
        }
        byte[] body = MultipartBody.create().field("key", "uploads/${filename}").field("Content-Type", "image/png")
                .file("cat.png", "image/png", content).field("after", "ignored").close();
        for (int piece : new int[]{1, 2, 7, 100, 70_000}) {
            FormReader reader = new FormReader(MultipartBody.trickling(body, piece, piece), BOUNDARY, PostUploads.MAX_PRE_DATA);
            PostForm form = PostForm.read(reader);
            assertEquals(Map.of("key", "uploads/${filename}", "content-type", "image/png"), form.fields(), "pieces of " + piece);
            assertEquals("cat.png", form.filename());
            assertEquals("image/png", form.file().contentType());
            assertArrayEquals(content, reader.content().readAllBytes(), "pieces of " + piece);
            assertTrue(reader.drain(1024), "what follows the file is read to the end");
        }
    }

    @Test
    void shouldStreamTheFileToAReaderTakingAFewBytesAtATime() throws Exception {
        byte[] content = ("line one\r\n--" + BOUNDARY.substring(1) + "\r\n\r\n-- almost\r\n").repeat(500).getBytes(StandardCharsets.US_ASCII);
        byte[] body = MultipartBody.create().field("key", "k").file("f", "text/plain", content).close();
        FormReader reader = new FormReader(MultipartBody.trickling(body, 5_000, 1), BOUNDARY, PostUploads.MAX_PRE_DATA);
        PostForm.read(reader);
        InputStream file = reader.content();
        java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
        Random sizes = new Random(11);
        byte[] chunk = new byte[3];
        for (int n; (n = file.read(chunk, 0, 1 + sizes.nextInt(3))) != -1; ) {
            read.write(chunk, 0, n);
        }
        assertArrayEquals(content, read.toByteArray());
    }

    @Test
    void shouldSkipAPreambleAndTransportPaddingAndTakeBareLineFeedsInPartHeaders() throws Exception {
        String body = "This is a preamble, which readers ignore.\r\n--" + BOUNDARY + "  \t\r\n"
                + "content-disposition: form-data; name=\"Key\"\n\nphoto.jpg\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''%E2%82%AC%20rates.txt\r\n\r\n"
                + "\r\n\r\n--" + BOUNDARY + "--";
        FormReader reader = reader(body.getBytes(StandardCharsets.UTF_8));
        PostForm form = PostForm.read(reader);
        assertEquals("photo.jpg", form.get("key"), "field names are case-insensitive");
        assertEquals("\u20ac rates.txt", form.filename());
        assertEquals("\r\n", new String(reader.content().readAllBytes(), StandardCharsets.UTF_8),
                "a line break right before the delimiter is the content's; the one before -- is the delimiter's");
    }

    @Test
    void shouldReadAnEmptyFileAndAFormWithoutOne() throws Exception {
        FormReader empty = reader(MultipartBody.create().field("key", "k").file("e", "text/plain", new byte[0]).close());
        PostForm form = PostForm.read(empty);
        assertEquals(0, empty.content().readAllBytes().length);
        assertEquals("k", form.get("key"));

        FormReader none = reader(MultipartBody.create().field("key", "k").close());
        PostForm noFile = PostForm.read(none);
        assertNull(noFile.file());
        assertEquals("", noFile.filename());
    }

    @Test
    void shouldRefuseABodyWhoseClosingDelimiterNeverComes() throws Exception {
        byte[] unclosed = MultipartBody.create().field("key", "k")
                .raw("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nthe file, cut off").unclosed();
        FormReader reader = reader(unclosed);
        PostForm.read(reader);
        InputStream content = reader.content();
        assertCode("MalformedPOSTRequest", () -> content.readAllBytes());

        assertCode("MalformedPOSTRequest", () -> PostForm.read(reader(("--" + BOUNDARY + "\r\nContent-Disposition: form-data;"
                + " name=\"key\"\r\n\r\nvalue without an end").getBytes(StandardCharsets.US_ASCII))));
        assertCode("MalformedPOSTRequest", () -> PostForm.read(reader(("--" + BOUNDARY + "\r\nContent-Disposition: form-data;"
                + " name=\"key\"\r\n").getBytes(StandardCharsets.US_ASCII))), "the body ends in the part's headers");
        assertCode("MalformedPOSTRequest", () -> PostForm.read(reader(new byte[0])), "an empty body");
    }

    @Test
    void shouldRefuseMalformedPartHeaders() {
        assertCode("MalformedPOSTRequest", () -> PostForm.read(reader(("--" + BOUNDARY + "\r\nContent-Disposition: form-data\r\n\r\n"
                + "v\r\n--" + BOUNDARY + "--").getBytes(StandardCharsets.US_ASCII))), "a part without a name");
        assertCode("MalformedPOSTRequest", () -> PostForm.read(reader(("--" + BOUNDARY + "\r\nContent-Disposition: attachment;"
                + " name=\"a\"\r\n\r\nv\r\n--" + BOUNDARY + "--").getBytes(StandardCharsets.US_ASCII))), "not form-data");
        assertCode("MalformedPOSTRequest", () -> PostForm.read(reader(("--" + BOUNDARY + "\r\nno colon here\r\n\r\n"
                + "v\r\n--" + BOUNDARY + "--").getBytes(StandardCharsets.US_ASCII))), "a header line without a colon");
        assertCode("MalformedPOSTRequest", () -> PostForm.read(reader(("--" + BOUNDARY + "trailing\r\nContent-Disposition: "
                + "form-data; name=\"a\"\r\n\r\nv\r\n--" + BOUNDARY + "--").getBytes(StandardCharsets.US_ASCII))),
                "text after a delimiter on its line");
    }

    @Test
    void shouldBoundWhatPrecedesTheFile() {
        byte[] bigField = MultipartBody.create().field("x-amz-meta-big", "x".repeat(PostUploads.MAX_PRE_DATA)).close();
        assertCode("MaxPostPreDataLengthExceeded", () -> PostForm.read(reader(bigField)));
        MultipartBody many = MultipartBody.create();
        for (int i = 0; i < 400; i++) {
            many.field("x-ignore-" + i, "0123456789");
        }
        assertCode("MaxPostPreDataLengthExceeded", () -> PostForm.read(reader(many.close())), "many small fields add up");
        byte[] longHeader = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + "n".repeat(30_000) + "\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertCode("MaxPostPreDataLengthExceeded", () -> PostForm.read(reader(longHeader)), "one endless header line");
        byte[] preamble = ("p".repeat(PostUploads.MAX_PRE_DATA + 1) + "\r\n--" + BOUNDARY + "--").getBytes(StandardCharsets.US_ASCII);
        assertCode("MaxPostPreDataLengthExceeded", () -> PostForm.read(reader(preamble)), "a preamble counts too");
    }

    @Test
    void shouldNotCountTheFileAgainstTheFieldLimit() throws Exception {
        byte[] content = new byte[PostUploads.MAX_PRE_DATA * 3];
        FormReader reader = reader(MultipartBody.create().field("key", "k").file("big", "a/b", content).close());
        PostForm.read(reader);
        assertEquals(content.length, reader.content().readAllBytes().length);
    }

    @Test
    void shouldRefuseAFieldGivenTwice() {
        byte[] body = MultipartBody.create().field("key", "a").field("KEY", "b").close();
        S3Exception refused = assertThrows(S3Exception.class, () -> PostForm.read(reader(body)));
        assertEquals("InvalidArgument", refused.error().code());
        assertEquals("KEY", refused.details().get("ArgumentName"));
    }

    @Test
    void shouldFindTheBoundaryOfAFormContentTypeOnly() {
        assertEquals("abc", FormReader.boundary("multipart/form-data; boundary=abc"));
        assertEquals("a b;c", FormReader.boundary("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b;c\""));
        S3Exception notAForm = assertThrows(S3Exception.class, () -> FormReader.boundary("application/x-www-form-urlencoded"));
        assertEquals("PreconditionFailed", notAForm.error().code());
        assertEquals(412, notAForm.error().status());
        assertEquals("Bucket POST must be of the enclosure-type multipart/form-data", notAForm.details().get("Condition"));
        assertEquals("PreconditionFailed", assertThrows(S3Exception.class, () -> FormReader.boundary(null)).error().code());
        assertCode("MalformedPOSTRequest", () -> FormReader.boundary("multipart/form-data"));
        assertCode("MalformedPOSTRequest", () -> FormReader.boundary("multipart/form-data; boundary="));
        assertCode("MalformedPOSTRequest", () -> FormReader.boundary("multipart/form-data; boundary=" + "b".repeat(201)));
    }

    private static FormReader reader(byte[] body) {
        return new FormReader(new ByteArrayInputStream(body), BOUNDARY, PostUploads.MAX_PRE_DATA);
    }

    interface Failing {
        void run() throws Exception;
    }

    static void assertCode(String code, Failing action) {
        assertCode(code, action, code);
    }

    static void assertCode(String code, Failing action, String why) {
        S3Exception failure = assertThrows(S3Exception.class, action::run, why);
        assertEquals(code, failure.error().code(), why + ": " + failure.getMessage());
    }
}
