package io.mockfactory.storage.s3;

import io.netty.handler.codec.http.HttpHeaders;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One S3 request as received: the raw path and query (signatures are over them), headers, a streaming body. */
public final class S3Request {
    private final String method;
    private final String rawPath;
    private final String path;
    private final List<Map.Entry<String, String>> queryPairs;
    private final Map<String, String> query;
    private final HttpHeaders headers;
    private final InputStream body;
    private final String requestId;
    private String bucket;
    private String key;
    private S3Action action = S3Action.UNKNOWN;
    private String remoteAddress;

    public S3Request(String method, String uri, HttpHeaders headers, InputStream body, String requestId) {
        this.method = method;
        int question = uri.indexOf('?');
        this.rawPath = question < 0 ? uri : uri.substring(0, question);
        this.path = UriEncoding.decode(rawPath, false);
        this.queryPairs = parseQuery(question < 0 ? "" : uri.substring(question + 1));
        Map<String, String> first = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : queryPairs) {
            first.putIfAbsent(pair.getKey(), pair.getValue());
        }
        this.query = Collections.unmodifiableMap(first);
        this.headers = headers;
        this.body = body;
        this.requestId = requestId;
    }

    private static List<Map.Entry<String, String>> parseQuery(String raw) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (raw.isEmpty()) {
            return pairs;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = UriEncoding.decode(eq < 0 ? part : part.substring(0, eq), true);
            String value = eq < 0 ? "" : UriEncoding.decode(part.substring(eq + 1), true);
            pairs.add(Map.entry(name, value));
        }
        return pairs;
    }

    public String method() {
        return method;
    }

    public String rawPath() {
        return rawPath;
    }

    /** The path percent-decoded (UTF-8). */
    public String path() {
        return path;
    }

    public List<Map.Entry<String, String>> queryPairs() {
        return queryPairs;
    }

    public boolean hasParam(String name) {
        return query.containsKey(name);
    }

    public String param(String name) {
        return query.get(name);
    }

    public String header(String name) {
        return headers.get(name);
    }

    public HttpHeaders headers() {
        return headers;
    }

    public InputStream body() {
        return body;
    }

    public String requestId() {
        return requestId;
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    void address(String bucket, String key) {
        this.bucket = bucket;
        this.key = key;
        this.action = S3Action.of(this);
    }

    /** What the request asks for, decided when it is addressed; {@link S3Action#UNKNOWN} before. */
    public S3Action action() {
        return action;
    }

    /** The client's IP address (aws:SourceIp in bucket policies); null when not known. */
    public String remoteAddress() {
        return remoteAddress;
    }

    void remoteAddress(String address) {
        this.remoteAddress = address;
    }

    public byte[] readSmallBody(int limit) throws java.io.IOException {
        byte[] data = body.readNBytes(limit + 1);
        if (data.length > limit) {
            throw S3Error.INVALID_REQUEST.exception("The request body is too large.");
        }
        return data;
    }
}
