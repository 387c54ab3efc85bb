package io.mockfactory.storage.s3.post;

import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.mockfactory.storage.s3.UriEncoding;
import io.mockfactory.storage.s3.Xml;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * How S3 answers a stored form upload: a 303 to {@code success_action_redirect} (or the legacy {@code redirect}) with
 * the bucket, key and ETag added to its query; else {@code success_action_status} 200 or 204 with no body, or 201 with
 * a {@code PostResponse} document; 204 when the status is absent or not one of those. A redirect S3 cannot
 * interpret (not an absolute URL) is ignored, as S3 ignores it. The ETag and the object's Location are always sent.
 */
final class PostResponses {
    private PostResponses() {
    }

    /** @param scheme the scheme the data plane is reached by, for the object's Location */
    static S3Response answer(S3Request request, PostForm form, PostResult result, String scheme) {
        String key = result.object().key();
        String etag = "\"" + result.object().etag() + "\"";
        String location = location(request, result.bucket(), key, scheme);
        String redirect = form.get("success_action_redirect") != null ? form.get("success_action_redirect") : form.get("redirect");
        String redirectTo = redirect == null ? null : redirect(redirect, result.bucket(), key, etag);
        S3Response response;
        if (redirectTo != null) {
            response = S3Response.status(303).header("Location", redirectTo);
        } else {
            String status = form.get("success_action_status") == null ? "" : form.get("success_action_status").strip();
            response = switch (status) {
                case "200" -> S3Response.ok();
                case "201" -> S3Response.xml(201, Xml.bare("PostResponse").element("Location", location)
                        .element("Bucket", result.bucket()).element("Key", key).element("ETag", etag).end("PostResponse"));
                default -> S3Response.noContent();
            };
            response.header("Location", location);
        }
        response.header("ETag", etag);
        if (result.versionId() != null) {
            response.header("x-amz-version-id", result.versionId());
        }
        if (result.object().checksumAlgorithm() != null) {
            response.header("x-amz-checksum-" + result.object().checksumAlgorithm().toLowerCase(java.util.Locale.ROOT),
                    result.object().checksum());
        }
        return response;
    }

    /** The object's URL as the client addressed the bucket: by virtual host, or path-style. */
    static String location(S3Request request, String bucket, String key, String scheme) {
        String host = request.header("Host") == null ? "localhost" : request.header("Host").strip();
        String path = request.path();
        boolean pathStyle = path.equals("/" + bucket) || path.startsWith("/" + bucket + "/");
        return scheme + "://" + host + "/" + (pathStyle ? UriEncoding.encode(bucket, false) + "/" : "")
                + UriEncoding.encode(key, true);
    }

    /** @return the redirect target with {@code bucket}, {@code key} and {@code etag} added, or null if unusable */
    static String redirect(String target, String bucket, String key, String etag) {
        URI uri;
        try {
            uri = new URI(target.strip());
        } catch (URISyntaxException e) {
            return null;
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            return null;
        }
        // ASCII only, so that the Location header carries nothing but what a header may
        String base = uri.toASCIIString();
        String fragment = "";
        int hash = base.indexOf('#');
        if (hash >= 0) {
            fragment = base.substring(hash);
            base = base.substring(0, hash);
        }
        String separator = uri.getRawQuery() == null ? "?" : (base.endsWith("&") || base.endsWith("?") ? "" : "&");
        return base + separator + "bucket=" + UriEncoding.encode(bucket, false) + "&key=" + UriEncoding.encode(key, false)
                + "&etag=" + UriEncoding.encode(etag, false) + fragment;
    }
}
