package io.mockfactory.storage.s3.access;

import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.ops.TagSets;

import java.time.Instant;
import java.util.Map;

/** The condition keys a request carries, for bucket policies' Condition blocks. */
final class ConditionKeys {
    private ConditionKeys() {
    }

    /**
     * @param objectTags    the existing object's tags (s3:ExistingObjectTag/&lt;key&gt;), empty when not read
     * @param behindProxy   whether a TLS-terminating proxy that sets X-Forwarded-For and X-Forwarded-Proto itself
     *                      (the compose deployment's nginx) is the only way in: then those say who called and how.
     *                      Otherwise a client could claim any address, so the connection's is used, over plain HTTP
     */
    static RequestContext of(S3Request request, Principal principal, Instant now, Map<String, String> objectTags,
                             boolean behindProxy) {
        String forwardedFor = request.header("X-Forwarded-For");
        String sourceIp = behindProxy && forwardedFor != null ? forwardedFor.split(",")[0].strip() : request.remoteAddress();
        boolean secure = behindProxy && "https".equalsIgnoreCase(request.header("X-Forwarded-Proto"));
        RequestContext.Builder keys = RequestContext.builder().principal(principal).time(now)
                .put("aws:SourceIp", sourceIp)
                .put("aws:SecureTransport", secure)
                .put("aws:Referer", request.header("Referer"))
                .put("aws:UserAgent", request.header("User-Agent"))
                .put("s3:prefix", request.param("prefix"))
                .put("s3:delimiter", request.param("delimiter"))
                .put("s3:max-keys", request.param("max-keys"))
                .put("s3:VersionId", request.param("versionId"))
                .put("s3:x-amz-acl", request.header("x-amz-acl"))
                .put("s3:x-amz-content-sha256", request.header("x-amz-content-sha256"))
                .put("s3:x-amz-server-side-encryption", request.header("x-amz-server-side-encryption"))
                .put("s3:x-amz-storage-class", request.header("x-amz-storage-class"))
                .put("s3:x-amz-copy-source", request.header("x-amz-copy-source"))
                .put("s3:x-amz-metadata-directive", request.header("x-amz-metadata-directive"));
        signature(request, keys);
        objectTags.forEach((key, value) -> keys.put("s3:ExistingObjectTag/" + key, value));
        // The same reading of x-amz-tagging the write itself makes (a malformed one is refused here as it would be there)
        Map<String, String> requested = TagSets.fromHeader(request.header("x-amz-tagging"));
        if (requested != null) {
            requested.forEach((key, value) -> keys.put("s3:RequestObjectTagKeys", key).put("s3:RequestObjectTag/" + key, value));
        }
        return keys.build();
    }

    private static void signature(S3Request request, RequestContext.Builder keys) {
        String authorization = request.header("Authorization");
        if (authorization != null) {
            keys.put("s3:authType", "REST-HEADER");
            keys.put("s3:signatureversion", authorization.strip().startsWith("AWS ") ? "AWS" : "AWS4-HMAC-SHA256");
        } else if (request.hasParam("X-Amz-Signature")) {
            keys.put("s3:authType", "REST-QUERY-STRING").put("s3:signatureversion", "AWS4-HMAC-SHA256");
        } else if (request.hasParam("Signature")) {
            keys.put("s3:authType", "REST-QUERY-STRING").put("s3:signatureversion", "AWS");
        }
    }
}
