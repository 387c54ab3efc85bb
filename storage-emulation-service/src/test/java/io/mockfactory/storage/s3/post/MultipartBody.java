package io.mockfactory.storage.s3.post;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Builds multipart/form-data bodies as browsers send them (CRLF, fields in order, the file last unless told). */
public final class MultipartBody {
    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public MultipartBody(String boundary) {
        this.boundary = boundary;
    }

    public static MultipartBody create() {
        return new MultipartBody("----MockFactoryFormBoundary7MA4YWxkTrZu0gW");
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public MultipartBody field(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    public MultipartBody fields(Map<String, String> fields) {
        fields.forEach(this::field);
        return this;
    }

    public MultipartBody file(String filename, String contentType, byte[] content) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n");
        out.writeBytes(content);
        write("\r\n");
        return this;
    }

    public MultipartBody raw(String text) {
        write(text);
        return this;
    }

    /** The body with its closing delimiter (and the line break clients put after it). */
    public byte[] close() {
        write("--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    /** The body as it stands, without a closing delimiter. */
    public byte[] unclosed() {
        return out.toByteArray();
    }

    private void write(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Fields in the order given. */
    public static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** A stream that hands out its bytes in pieces of random size (1 to {@code maxPiece}), as a socket may. */
    public static InputStream trickling(byte[] data, int maxPiece, long seed) {
        Random random = new Random(seed);
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                if (pos >= data.length) {
                    return -1;
                }
                int n = Math.min(Math.min(length, 1 + random.nextInt(maxPiece)), data.length - pos);
                System.arraycopy(data, pos, buffer, offset, n);
                pos += n;
                return n;
            }
        };
    }
}
