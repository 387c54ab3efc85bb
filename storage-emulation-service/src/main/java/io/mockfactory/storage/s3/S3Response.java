package io.mockfactory.storage.s3;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** What an operation answers: status, headers, and either a small body or a stream of known length. */
public final class S3Response {
    private final int status;
    private final HttpHeaders headers = new DefaultHttpHeaders();
    private byte[] body = new byte[0];
    private InputStream stream;
    private long streamLength;
    private Path file;
    private long fileOffset;

    private S3Response(int status) {
        this.status = status;
    }

    public static S3Response status(int status) {
        return new S3Response(status);
    }

    public static S3Response ok() {
        return new S3Response(200);
    }

    public static S3Response noContent() {
        return new S3Response(204);
    }

    public static S3Response xml(String document) {
        return xml(200, document);
    }

    public static S3Response xml(int status, String document) {
        S3Response response = new S3Response(status);
        response.body = document.getBytes(StandardCharsets.UTF_8);
        response.headers.set("Content-Type", "application/xml");
        return response;
    }

    /** A JSON document (GetBucketPolicy answers the policy as it was put). */
    public static S3Response json(String document) {
        S3Response response = new S3Response(200);
        response.body = document.getBytes(StandardCharsets.UTF_8);
        response.headers.set("Content-Type", "application/json");
        return response;
    }

    public S3Response header(String name, Object value) {
        if (value != null) {
            headers.set(name, value);
        }
        return this;
    }

    public S3Response stream(InputStream content, long length) {
        this.stream = content;
        this.streamLength = length;
        return this;
    }

    /** A range of a local file as the body, sent without copying it through the JVM. */
    public S3Response file(Path path, long offset, long length) {
        this.file = path;
        this.fileOffset = offset;
        this.streamLength = length;
        return this;
    }

    public Path file() {
        return file;
    }

    public long fileOffset() {
        return fileOffset;
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public InputStream streamBody() {
        return stream;
    }

    public long streamLength() {
        return streamLength;
    }
}
