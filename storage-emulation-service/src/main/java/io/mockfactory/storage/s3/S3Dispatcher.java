package io.mockfactory.storage.s3;

import io.micronaut.context.annotation.Value;
import io.mockfactory.storage.control.AccessKeys;
import io.mockfactory.storage.control.S3Activity;
import io.mockfactory.storage.s3.auth.Authenticated;
import io.mockfactory.storage.s3.auth.RequestAuthenticator;
import io.mockfactory.storage.s3.ops.BucketOperations;
import io.mockfactory.storage.s3.ops.ListingOperations;
import io.mockfactory.storage.s3.ops.MultipartOperations;
import io.mockfactory.storage.s3.ops.ObjectOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.util.Arrays;
import java.util.Set;

/** Authenticates an S3 request and routes it to its operation by method, addressing and sub-resource. */
@Singleton
public class S3Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(S3Dispatcher.class);
    /** Sub-resources this emulator does not implement: answered NotImplemented rather than mistaken for a listing or a write. */
    private static final Set<String> UNSUPPORTED = Set.of("acl", "policy", "cors", "lifecycle", "tagging", "website",
            "logging", "notification", "replication", "encryption", "object-lock", "publicAccessBlock", "ownershipControls",
            "accelerate", "requestPayment", "analytics", "inventory", "metrics", "intelligent-tiering", "versions",
            "legal-hold", "retention", "restore", "select", "torrent", "attributes", "policyStatus");

    private final RequestAuthenticator authenticator;
    private final S3Addressing addressing;
    private final BucketOperations buckets;
    private final ObjectOperations objects;
    private final ListingOperations listings;
    private final MultipartOperations multipart;
    private final String defaultRegion;
    private final S3Activity activity;

    public S3Dispatcher(AccessKeys accessKeys, BucketOperations buckets, ObjectOperations objects, ListingOperations listings,
                        MultipartOperations multipart, S3Activity activity,
                        @Value("${mockfactory.s3.virtual-host-domains:localhost}") String virtualHostDomains,
                        @Value("${mockfactory.s3.default-region:us-east-1}") String defaultRegion) {
        this.authenticator = new RequestAuthenticator(accessKeys, Clock.systemUTC());
        this.addressing = new S3Addressing(Arrays.asList(virtualHostDomains.split(",")));
        this.buckets = buckets;
        this.objects = objects;
        this.listings = listings;
        this.multipart = multipart;
        this.defaultRegion = defaultRegion;
        this.activity = activity;
    }

    public S3Response handle(S3Request request) {
        MDC.put("requestId", request.requestId());
        try {
            String virtualHostBucket = addressing.address(request);
            // Before authentication: a presigned URL's access key id, a query value, is looked up in the database
            UnstorableInput.refuse(request);
            Authenticated auth = authenticator.verify(request, virtualHostBucket);
            activity.touch(auth.environmentId());
            return route(request, auth);
        } catch (S3Exception e) {
            LOG.debug("{} {} -> {}", request.method(), request.path(), e.error().code());
            return S3ErrorRenderer.render(e, request);
        } catch (Exception e) {
            S3Exception cause = unwrap(e);
            if (cause != null) {
                return S3ErrorRenderer.render(cause, request);
            }
            LOG.error("{} {} failed (request {})", request.method(), request.path(), request.requestId(), e);
            return S3ErrorRenderer.render(S3Error.INTERNAL_ERROR.exception(), request);
        } finally {
            MDC.remove("requestId");
        }
    }

    private S3Response route(S3Request request, Authenticated auth) throws Exception {
        String method = request.method();
        if (request.bucket() == null) {
            if ("GET".equals(method)) {
                return buckets.list(auth);
            }
            throw S3Error.METHOD_NOT_ALLOWED.exception();
        }
        for (String param : UNSUPPORTED) {
            if (request.hasParam(param)) {
                throw S3Error.NOT_IMPLEMENTED.exception("The " + param + " sub-resource is not implemented by MockFactory.");
            }
        }
        return request.key() == null ? bucketLevel(request, auth, method) : objectLevel(request, auth, method);
    }

    private S3Response bucketLevel(S3Request request, Authenticated auth, String method) throws Exception {
        return switch (method) {
            case "PUT" -> request.hasParam("versioning") ? notImplemented("versioning") : buckets.create(request, auth, defaultRegion);
            case "HEAD" -> buckets.head(request, auth);
            case "DELETE" -> buckets.delete(request, auth);
            case "GET" -> {
                if (request.hasParam("location")) {
                    yield buckets.location(request, auth);
                }
                if (request.hasParam("versioning")) {
                    yield buckets.versioning(request, auth);
                }
                if (request.hasParam("uploads")) {
                    yield multipart.listUploads(request, auth);
                }
                yield "2".equals(request.param("list-type")) ? listings.listV2(request, auth) : listings.listV1(request, auth);
            }
            case "POST" -> {
                if (request.hasParam("delete")) {
                    yield objects.deleteMany(request, auth);
                }
                throw S3Error.METHOD_NOT_ALLOWED.exception();
            }
            default -> throw S3Error.METHOD_NOT_ALLOWED.exception();
        };
    }

    private S3Response objectLevel(S3Request request, Authenticated auth, String method) throws Exception {
        boolean inUpload = request.hasParam("uploadId");
        boolean copy = request.header("x-amz-copy-source") != null;
        return switch (method) {
            case "PUT" -> {
                if (inUpload) {
                    yield copy ? multipart.uploadPartCopy(request, auth) : multipart.uploadPart(request, auth);
                }
                yield copy ? objects.copy(request, auth) : objects.put(request, auth);
            }
            case "GET" -> inUpload ? multipart.listParts(request, auth) : objects.get(request, auth, false);
            case "HEAD" -> objects.get(request, auth, true);
            case "DELETE" -> inUpload ? multipart.abort(request, auth) : objects.delete(request, auth);
            case "POST" -> {
                if (request.hasParam("uploads")) {
                    yield multipart.create(request, auth);
                }
                if (inUpload) {
                    yield multipart.complete(request, auth);
                }
                throw S3Error.METHOD_NOT_ALLOWED.exception();
            }
            default -> throw S3Error.METHOD_NOT_ALLOWED.exception();
        };
    }

    private static S3Response notImplemented(String what) {
        throw S3Error.NOT_IMPLEMENTED.exception("The " + what + " sub-resource is not implemented by MockFactory.");
    }

    private static S3Exception unwrap(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof S3Exception s3) {
                return s3;
            }
        }
        return null;
    }
}
