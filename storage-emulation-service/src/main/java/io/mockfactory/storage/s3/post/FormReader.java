package io.mockfactory.storage.s3.post;

import io.mockfactory.storage.s3.BlockInputStream;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a multipart/form-data body (RFC 7578) part by part as it streams: a part's headers, then its content, which
 * ends where the next delimiter ({@code CRLF--boundary}) begins. Nothing but a 64 KiB window is held, however large a
 * part is, and a delimiter split across reads of the underlying stream is still found.
 * <p>
 * Everything read before the content the caller streams (the preamble, the part headers and the field values) counts
 * against {@code preDataLimit}, as S3 bounds the fields that precede the file: a form cannot make the server hold
 * more than that in memory.
 */
final class FormReader {
    private static final int WINDOW = 64 * 1024;
    /** RFC 2046 allows boundaries of 1 to 70 characters; a little more is tolerated, never more than the window takes. */
    private static final int MAX_BOUNDARY = 200;
    private static final int MAX_HEADER_LINE = 8 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final long preDataLimit;
    private final byte[] window = new byte[WINDOW];
    private int pos;
    private int limit;
    private boolean eof;
    /** Bytes of the body passed over so far (the CRLF pretended before the first delimiter not counted). */
    private long consumed = -2;
    /** Whether the content of the current part (or of the preamble) has been read to its delimiter. */
    private boolean partEnded;
    /** No delimiter begins in the window before this index (from {@code pos}): a small read does not search it all again. */
    private int searched;
    private boolean closed;

    /** A part's headers: the field name, and for a file the file name and type it was sent with. */
    record PartHead(String name, String filename, String contentType) {
    }

    FormReader(InputStream in, String boundary, long preDataLimit) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.preDataLimit = preDataLimit;
        // The first delimiter has no line break before it (it may open the body): one is pretended, so every
        // delimiter looks alike and whatever precedes the first one is a preamble to skip
        window[0] = '\r';
        window[1] = '\n';
        limit = 2;
    }

    /** The boundary a multipart/form-data Content-Type names; anything else is not a form upload S3 takes. */
    static String boundary(String contentType) {
        String type = contentType == null ? "" : contentType.strip();
        int semicolon = type.indexOf(';');
        String mediaType = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("multipart/form-data")) {
            throw S3Error.PRECONDITION_FAILED.exception("At least one of the pre-conditions you specified did not hold")
                    .with("Condition", "Bucket POST must be of the enclosure-type multipart/form-data");
        }
        String boundary = semicolon < 0 ? null : HeaderParameters.parse(type.substring(semicolon + 1)).get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(boundary)) {
            throw malformed();
        }
        return boundary;
    }

    /** @return the next part's headers, or null after the closing delimiter */
    PartHead next() throws IOException {
        if (closed) {
            return null;
        }
        skipContent();
        ensure(2);
        if (available() >= 2 && window[pos] == '-' && window[pos + 1] == '-') {
            advance(2);
            closed = true;
            return null;
        }
        // Transport padding may follow a delimiter before its line break
        while (true) {
            ensure(1);
            if (available() == 0 || (window[pos] != ' ' && window[pos] != '\t')) {
                break;
            }
            advance(1);
        }
        if (!readLine().isEmpty()) {
            throw malformed();
        }
        String name = null;
        String filename = null;
        String contentType = null;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed();
            }
            String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (header.equals("content-disposition")) {
                int semicolon = value.indexOf(';');
                String disposition = (semicolon < 0 ? value : value.substring(0, semicolon)).strip();
                if (!disposition.equalsIgnoreCase("form-data")) {
                    throw malformed();
                }
                var parameters = HeaderParameters.parse(semicolon < 0 ? "" : value.substring(semicolon + 1));
                name = parameters.get("name");
                filename = parameters.get("filename");
            } else if (header.equals("content-type")) {
                contentType = value;
            }
        }
        if (name == null || name.isEmpty()) {
            throw malformed();
        }
        partEnded = false;
        return new PartHead(name, filename, contentType);
    }

    /** The current part's content as text (UTF-8), counted against the limit on what precedes the file. */
    String value() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        for (int n; (n = readContent(chunk, 0, chunk.length)) != -1; ) {
            out.write(chunk, 0, n);
            checkPreData();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The current part's content as a stream, which ends (-1) at the part's delimiter; not counted against any limit. */
    InputStream content() {
        return new BlockInputStream() {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return length == 0 ? 0 : readContent(buffer, offset, length);
            }
        };
    }

    /**
     * Reads (and drops) the rest of the body, up to {@code budget} bytes: what follows the file is ignored, as S3
     * ignores it, but read, so that the answer comes after the whole request and the connection can be kept.
     *
     * @return whether the body ended within the budget
     */
    boolean drain(long budget) throws IOException {
        long dropped = 0;
        pos = limit;
        searched = limit;
        while (dropped <= budget) {
            int n = in.read(window, 0, window.length);
            if (n < 0) {
                eof = true;
                return true;
            }
            dropped += n;
        }
        return false;
    }

    /** Bytes of the body read so far. */
    long consumed() {
        return consumed;
    }

    /**
     * The smallest number of bytes that can still follow the current part's content: its closing delimiter. What a
     * body's declared length says of the file's size, less this, bounds it from above.
     */
    int closingLength() {
        return delimiter.length + 2;
    }

    private int readContent(byte[] out, int offset, int length) throws IOException {
        while (!partEnded) {
            if (available() < delimiter.length && !eof) {
                fill();
                continue;
            }
            int match = indexOfDelimiter();
            if (match == pos) {
                advance(delimiter.length);
                partEnded = true;
                return -1;
            }
            if (match < 0 && eof) {
                // The body ended inside a part: its closing delimiter never came
                throw malformed();
            }
            // Without a match, the last delimiter.length - 1 bytes may be where one begins: kept until more arrive
            int safe = match >= 0 ? match - pos : available() - delimiter.length + 1;
            int n = Math.min(length, safe);
            System.arraycopy(window, pos, out, offset, n);
            advance(n);
            return n;
        }
        return -1;
    }

    private void skipContent() throws IOException {
        byte[] sink = new byte[4096];
        while (readContent(sink, 0, sink.length) != -1) {
            checkPreData();
        }
    }

    /** A header line, without its line break (CRLF, or a bare LF some clients send). */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            ensure(1);
            if (available() == 0) {
                throw malformed();
            }
            byte b = window[pos];
            advance(1);
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                checkPreData();
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
            if (line.size() > MAX_HEADER_LINE) {
                throw S3Error.MAX_POST_PRE_DATA_LENGTH_EXCEEDED.exception();
            }
        }
    }

    /** Where the next delimiter begins in the window, or -1; what was searched is not searched again. */
    private int indexOfDelimiter() {
        byte first = delimiter[0];
        int last = limit - delimiter.length;
        for (int i = Math.max(pos, searched); i <= last; i++) {
            if (window[i] == first && matchesAt(i)) {
                searched = i;
                return i;
            }
        }
        searched = Math.max(pos, last + 1);
        return -1;
    }

    private boolean matchesAt(int at) {
        for (int j = 1; j < delimiter.length; j++) {
            if (window[at + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    /** Reads until {@code wanted} bytes are buffered or the body ended. */
    private void ensure(int wanted) throws IOException {
        while (available() < wanted && !eof) {
            fill();
        }
    }

    private void fill() throws IOException {
        if (pos > 0 && window.length - limit < WINDOW / 4) {
            System.arraycopy(window, pos, window, 0, limit - pos);
            limit -= pos;
            searched -= pos;
            pos = 0;
        }
        int n = in.read(window, limit, window.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private int available() {
        return limit - pos;
    }

    private void advance(int n) {
        pos += n;
        consumed += n;
    }

    private void checkPreData() {
        if (consumed > preDataLimit) {
            throw S3Error.MAX_POST_PRE_DATA_LENGTH_EXCEEDED.exception();
        }
    }

    static S3Exception malformed() {
        return S3Error.MALFORMED_POST_REQUEST.exception();
    }
}
