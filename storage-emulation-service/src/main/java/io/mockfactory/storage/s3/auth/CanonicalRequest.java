package io.mockfactory.storage.s3.auth;

import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.UriEncoding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** SigV4's canonical form of an S3 request (S3 flavour: the path is encoded once and never normalised). */
final class CanonicalRequest {
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private CanonicalRequest() {
    }

    /**
     * @param canonicalPath the path as the client signed it: either re-encoded from the decoded path or the raw path
     * @param omitParam     a query parameter to leave out (X-Amz-Signature of a presigned URL), or null
     */
    static String of(S3Request request, String canonicalPath, List<String> signedHeaders, String payloadHash,
                     String omitParam) {
        StringBuilder out = new StringBuilder(512);
        out.append(request.method()).append('\n');
        out.append(canonicalPath).append('\n');
        out.append(query(request, omitParam)).append('\n');
        for (String name : signedHeaders) {
            out.append(name).append(':').append(headerValue(request, name)).append('\n');
        }
        out.append('\n').append(String.join(";", signedHeaders)).append('\n');
        out.append(payloadHash);
        return out.toString();
    }

    static String reencodedPath(S3Request request) {
        String path = request.path().isEmpty() ? "/" : request.path();
        return UriEncoding.encode(path, true);
    }

    static String rawPath(S3Request request) {
        return request.rawPath().isEmpty() ? "/" : request.rawPath();
    }

    private static String query(S3Request request, String omitParam) {
        List<String[]> pairs = new ArrayList<>();
        for (Map.Entry<String, String> pair : request.queryPairs()) {
            if (!pair.getKey().equals(omitParam)) {
                pairs.add(new String[]{UriEncoding.encode(pair.getKey(), false), UriEncoding.encode(pair.getValue(), false)});
            }
        }
        pairs.sort((a, b) -> {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
        StringBuilder out = new StringBuilder();
        for (String[] pair : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    private static String headerValue(S3Request request, String name) {
        List<String> values = request.headers().getAll(name);
        List<String> trimmed = new ArrayList<>(values.size());
        for (String value : values) {
            trimmed.add(SPACES.matcher(value.strip()).replaceAll(" "));
        }
        return String.join(",", trimmed);
    }
}
