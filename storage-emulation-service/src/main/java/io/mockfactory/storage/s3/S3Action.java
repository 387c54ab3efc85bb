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
    COMPLETE_MULTIPART_UPLOAD("CompleteMultipartUpload"), LIST_OBJECT_VERSIONS("ListObjectVersions"),
    PUT_BUCKET_TAGGING("PutBucketTagging"), GET_BUCKET_TAGGING("GetBucketTagging"),
    DELETE_BUCKET_TAGGING("DeleteBucketTagging"), PUT_OBJECT_TAGGING("PutObjectTagging"),
    GET_OBJECT_TAGGING("GetObjectTagging"), DELETE_OBJECT_TAGGING("DeleteObjectTagging"),
    GET_OBJECT_ATTRIBUTES("GetObjectAttributes"), UNKNOWN("Unknown");

    /** Sub-resources this emulator does not implement: answered NotImplemented rather than mistaken for a listing or a write. */
    private static final Set<String> UNSUPPORTED = Set.of("acl", "policy", "cors", "lifecycle", "website",
            "logging", "notification", "replication", "encryption", "object-lock", "publicAccessBlock", "ownershipControls",
            "accelerate", "requestPayment", "analytics", "inventory", "metrics", "intelligent-tiering",
            "legal-hold", "retention", "restore", "select", "torrent", "policyStatus");

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
            case "PUT" -> {
                if (request.hasParam("tagging")) {
                    yield PUT_BUCKET_TAGGING;
                }
                yield request.hasParam("versioning") ? PUT_BUCKET_VERSIONING : CREATE_BUCKET;
            }
            case "HEAD" -> HEAD_BUCKET;
            case "DELETE" -> request.hasParam("tagging") ? DELETE_BUCKET_TAGGING : DELETE_BUCKET;
            case "GET" -> {
                if (request.hasParam("tagging")) {
                    yield GET_BUCKET_TAGGING;
                }
                if (request.hasParam("versions")) {
                    yield LIST_OBJECT_VERSIONS;
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
        boolean inUpload = request.hasParam("uploadId");
        boolean copy = request.header("x-amz-copy-source") != null;
        if (request.hasParam("tagging")) {
            return switch (method) {
                case "PUT" -> PUT_OBJECT_TAGGING;
                case "GET" -> GET_OBJECT_TAGGING;
                case "DELETE" -> DELETE_OBJECT_TAGGING;
                default -> UNKNOWN;
            };
        }
        if (request.hasParam("attributes")) {
            return "GET".equals(method) ? GET_OBJECT_ATTRIBUTES : UNKNOWN;
        }
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
