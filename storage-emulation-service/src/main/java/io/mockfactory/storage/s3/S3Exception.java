package io.mockfactory.storage.s3;

import java.util.LinkedHashMap;
import java.util.Map;

/** An S3 error answer; {@link #with} adds the extra elements S3 puts in its error document (Key, BucketName, …). */
public final class S3Exception extends RuntimeException {
    private final S3Error error;
    private final Map<String, String> details = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    S3Exception(S3Error error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public S3Error error() {
        return error;
    }

    public Map<String, String> details() {
        return details;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** A response header the error carries (e.g. Content-Range on 416, ETag on 304). */
    public S3Exception withHeader(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    public S3Exception with(String element, String value) {
        if (value != null) {
            details.put(element, value);
        }
        return this;
    }
}
