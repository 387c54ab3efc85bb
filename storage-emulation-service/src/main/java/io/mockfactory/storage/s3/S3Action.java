package io.mockfactory.storage.s3;

import java.util.Optional;
import java.util.Set;

/**
 * The S3 action a request asks for, by method, addressing (bucket, key) and sub-resource, as AWS names it: what the
 * dispatcher routes on and what {@code s3_requests_total{operation}} counts. Anything not routed (an unsupported
 * sub-resource, a method S3 does not take there, a request Netty could not parse) is {@link #UNKNOWN}, so the label
 * has these values only, whatever a client sends.
 */
public enum S3Action {
    LIST_BUCKETS("ListBuckets"), CREATE_BUCKET("CreateBucket"), PUT_BUCKET_VERSIONING("PutBucketVersioning"),
    HEAD_BUCKET("HeadBucket"), DELETE_BUCKET("DeleteBucket"), GET_BUCKET_LOCATION("GetBucketLocation"),
    GET_BUCKET_VERSIONING("GetBucketVersioning"), LIST_MULTIPART_UPLOADS("ListMultipartUploads"),
    LIST_OBJECTS_V2("ListObjectsV2"), LIST_OBJECTS("ListObjects"), DELETE_OBJECTS("DeleteObjects"),
    PUT_OBJECT("PutObject"), COPY_OBJECT("CopyObject"), UPLOAD_PART("UploadPart"), UPLOAD_PART_COPY("UploadPartCopy"),
    GET_OBJECT("GetObject"), HEAD_OBJECT("HeadObject"), LIST_PARTS("ListParts"), DELETE_OBJECT("DeleteObject"),
    ABORT_MULTIPART_UPLOAD("AbortMultipartUpload"), CREATE_MULTIPART_UPLOAD("CreateMultipartUpload"),
    COMPLETE_MULTIPART_UPLOAD("CompleteMultipartUpload"),
    // CORS (s3.cors). A preflight is no API operation of AWS's (its access logs say REST.OPTIONS.PREFLIGHT)
    PUT_BUCKET_CORS("PutBucketCors"), GET_BUCKET_CORS("GetBucketCors"), DELETE_BUCKET_CORS("DeleteBucketCors"),
    PREFLIGHT("PreflightRequest"),
    UNKNOWN("Unknown");

    /** Sub-resources this emulator does not implement: answered NotImplemented rather than mistaken for a listing or a write. */
    private static final Set<String> UNSUPPORTED = Set.of("acl", "policy", "lifecycle", "tagging", "website",
            "logging", "notification", "replication", "encryption", "object-lock", "publicAccessBlock", "ownershipControls",
            "accelerate", "requestPayment", "analytics", "inventory", "metrics", "intelligent-tiering", "versions",
            "legal-hold", "retention", "restore", "select", "torrent", "attributes", "policyStatus");

    private final String operationName;

    S3Action(String operationName) {
        this.operationName = operationName;
    }

    public String operationName() {
        return operationName;
    }

    /** @param request addressed already (its bucket and key known) */
    static S3Action of(S3Request request) {
        String method = request.method();
        if (request.bucket() == null) {
            return "GET".equals(method) ? LIST_BUCKETS : UNKNOWN;
        }
        if ("OPTIONS".equals(method)) {
            // A browser's CORS preflight, whatever the query of the request it precedes
            return PREFLIGHT;
        }
        if (unsupportedSubresource(request).isPresent()) {
            return UNKNOWN;
        }
        return request.key() == null ? bucketLevel(request, method) : objectLevel(request, method);
    }

    /** The sub-resource of a bucket or object request this emulator does not implement, if it names one. */
    static Optional<String> unsupportedSubresource(S3Request request) {
        for (String param : UNSUPPORTED) {
            if (request.hasParam(param)) {
                return Optional.of(param);
            }
        }
        return Optional.empty();
    }

    private static S3Action bucketLevel(S3Request request, String method) {
        return switch (method) {
            case "PUT" -> request.hasParam("cors") ? PUT_BUCKET_CORS
                    : request.hasParam("versioning") ? PUT_BUCKET_VERSIONING : CREATE_BUCKET;
            case "HEAD" -> HEAD_BUCKET;
            case "DELETE" -> request.hasParam("cors") ? DELETE_BUCKET_CORS : DELETE_BUCKET;
            case "GET" -> {
                if (request.hasParam("cors")) {
                    yield GET_BUCKET_CORS;
                }
                if (request.hasParam("location")) {
                    yield GET_BUCKET_LOCATION;
                }
                if (request.hasParam("versioning")) {
                    yield GET_BUCKET_VERSIONING;
                }
                if (request.hasParam("uploads")) {
                    yield LIST_MULTIPART_UPLOADS;
                }
                yield "2".equals(request.param("list-type")) ? LIST_OBJECTS_V2 : LIST_OBJECTS;
            }
            case "POST" -> request.hasParam("delete") ? DELETE_OBJECTS : UNKNOWN;
            default -> UNKNOWN;
        };
    }

    private static S3Action objectLevel(S3Request request, String method) {
        if (request.hasParam("cors")) {
            // A bucket's sub-resource only: MethodNotAllowed on an object, not a read or write of the object
            return UNKNOWN;
        }
        boolean inUpload = request.hasParam("uploadId");
        boolean copy = request.header("x-amz-copy-source") != null;
        return switch (method) {
            case "PUT" -> inUpload ? (copy ? UPLOAD_PART_COPY : UPLOAD_PART) : (copy ? COPY_OBJECT : PUT_OBJECT);
            case "GET" -> inUpload ? LIST_PARTS : GET_OBJECT;
            case "HEAD" -> HEAD_OBJECT;
            case "DELETE" -> inUpload ? ABORT_MULTIPART_UPLOAD : DELETE_OBJECT;
            case "POST" -> {
                if (request.hasParam("uploads")) {
                    yield CREATE_MULTIPART_UPLOAD;
                }
                yield inUpload ? COMPLETE_MULTIPART_UPLOAD : UNKNOWN;
            }
            default -> UNKNOWN;
        };
    }
}
