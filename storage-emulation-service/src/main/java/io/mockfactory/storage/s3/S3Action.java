package io.mockfactory.storage.s3;

import java.util.List;
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
    COMPLETE_MULTIPART_UPLOAD("CompleteMultipartUpload"), LIST_OBJECT_VERSIONS("ListObjectVersions"),
    PUT_BUCKET_TAGGING("PutBucketTagging"), GET_BUCKET_TAGGING("GetBucketTagging"),
    DELETE_BUCKET_TAGGING("DeleteBucketTagging"), PUT_OBJECT_TAGGING("PutObjectTagging"),
    GET_OBJECT_TAGGING("GetObjectTagging"), DELETE_OBJECT_TAGGING("DeleteObjectTagging"),
    // CORS (s3.cors). A preflight is no API operation of AWS's (its access logs say REST.OPTIONS.PREFLIGHT)
    PUT_BUCKET_CORS("PutBucketCors"), GET_BUCKET_CORS("GetBucketCors"), DELETE_BUCKET_CORS("DeleteBucketCors"),
    PREFLIGHT("PreflightRequest"),
    // Access control (s3.access)
    PUT_BUCKET_ACL("PutBucketAcl"), GET_BUCKET_ACL("GetBucketAcl"), PUT_OBJECT_ACL("PutObjectAcl"),
    GET_OBJECT_ACL("GetObjectAcl"), PUT_BUCKET_POLICY("PutBucketPolicy"), GET_BUCKET_POLICY("GetBucketPolicy"),
    DELETE_BUCKET_POLICY("DeleteBucketPolicy"), GET_BUCKET_POLICY_STATUS("GetBucketPolicyStatus"),
    PUT_PUBLIC_ACCESS_BLOCK("PutPublicAccessBlock"), GET_PUBLIC_ACCESS_BLOCK("GetPublicAccessBlock"),
    DELETE_PUBLIC_ACCESS_BLOCK("DeletePublicAccessBlock"), PUT_BUCKET_OWNERSHIP_CONTROLS("PutBucketOwnershipControls"),
    GET_BUCKET_OWNERSHIP_CONTROLS("GetBucketOwnershipControls"),
    DELETE_BUCKET_OWNERSHIP_CONTROLS("DeleteBucketOwnershipControls"),
    // Browser form uploads (s3.post)
    POST_OBJECT("PostObject"),
    GET_OBJECT_ATTRIBUTES("GetObjectAttributes"),
    UNKNOWN("Unknown");

    /** Sub-resources this emulator does not implement: answered NotImplemented rather than mistaken for a listing or a write. */
    private static final Set<String> UNSUPPORTED = Set.of("lifecycle", "website", "logging", "notification",
            "replication", "encryption", "object-lock", "accelerate", "requestPayment", "analytics", "inventory",
            "metrics", "intelligent-tiering", "legal-hold", "retention", "restore", "select", "torrent");

    /** A bucket sub-resource and its actions by method: PUT, GET, DELETE (null where S3 has none). */
    private record BucketSubresource(String name, S3Action put, S3Action get, S3Action delete) {
    }

    // Checked in this order; a request names at most one of them
    private static final List<BucketSubresource> BUCKET_SUBRESOURCES = List.of(
            new BucketSubresource("versioning", PUT_BUCKET_VERSIONING, GET_BUCKET_VERSIONING, null),
            new BucketSubresource("tagging", PUT_BUCKET_TAGGING, GET_BUCKET_TAGGING, DELETE_BUCKET_TAGGING),
            new BucketSubresource("cors", PUT_BUCKET_CORS, GET_BUCKET_CORS, DELETE_BUCKET_CORS),
            new BucketSubresource("acl", PUT_BUCKET_ACL, GET_BUCKET_ACL, null),
            new BucketSubresource("policyStatus", null, GET_BUCKET_POLICY_STATUS, null),
            new BucketSubresource("policy", PUT_BUCKET_POLICY, GET_BUCKET_POLICY, DELETE_BUCKET_POLICY),
            new BucketSubresource("publicAccessBlock", PUT_PUBLIC_ACCESS_BLOCK, GET_PUBLIC_ACCESS_BLOCK, DELETE_PUBLIC_ACCESS_BLOCK),
            new BucketSubresource("ownershipControls", PUT_BUCKET_OWNERSHIP_CONTROLS, GET_BUCKET_OWNERSHIP_CONTROLS,
                    DELETE_BUCKET_OWNERSHIP_CONTROLS),
            new BucketSubresource("location", null, GET_BUCKET_LOCATION, null),
            new BucketSubresource("versions", null, LIST_OBJECT_VERSIONS, null),
            new BucketSubresource("uploads", null, LIST_MULTIPART_UPLOADS, null));

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
        for (BucketSubresource subresource : BUCKET_SUBRESOURCES) {
            if (request.hasParam(subresource.name())) {
                S3Action action = switch (method) {
                    case "PUT" -> subresource.put();
                    case "GET" -> subresource.get();
                    case "DELETE" -> subresource.delete();
                    default -> null;
                };
                return action == null ? UNKNOWN : action;
            }
        }
        return switch (method) {
            case "PUT" -> CREATE_BUCKET;
            case "HEAD" -> HEAD_BUCKET;
            case "DELETE" -> DELETE_BUCKET;
            case "GET" -> "2".equals(request.param("list-type")) ? LIST_OBJECTS_V2 : LIST_OBJECTS;
            // Any other POST to a bucket is a browser form upload (POST Object)
            case "POST" -> request.hasParam("delete") ? DELETE_OBJECTS : POST_OBJECT;
            default -> UNKNOWN;
        };
    }

    private static S3Action objectLevel(S3Request request, String method) {
        if (request.hasParam("cors") || request.hasParam("policy") || request.hasParam("versioning")) {
            // A bucket's sub-resource only: MethodNotAllowed on an object, not a read or write of the object
            return UNKNOWN;
        }
        if (request.hasParam("tagging")) {
            return switch (method) {
                case "PUT" -> PUT_OBJECT_TAGGING;
                case "GET" -> GET_OBJECT_TAGGING;
                case "DELETE" -> DELETE_OBJECT_TAGGING;
                default -> UNKNOWN;
            };
        }
        if (request.hasParam("acl")) {
            return switch (method) {
                case "PUT" -> PUT_OBJECT_ACL;
                case "GET" -> GET_OBJECT_ACL;
                default -> UNKNOWN;
            };
        }
        if (request.hasParam("attributes")) {
            return "GET".equals(method) ? GET_OBJECT_ATTRIBUTES : UNKNOWN;
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
