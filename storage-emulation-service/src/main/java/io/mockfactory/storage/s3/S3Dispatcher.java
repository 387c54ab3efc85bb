package io.mockfactory.storage.s3;

import io.micronaut.context.annotation.Value;
import io.mockfactory.storage.control.AccessKeys;
import io.mockfactory.storage.control.S3Activity;
import io.mockfactory.storage.meta.BucketSettings;
import io.mockfactory.storage.s3.access.AccessOperations;
import io.mockfactory.storage.s3.access.RequestAuthorizer;
import io.mockfactory.storage.s3.auth.Authenticated;
import io.mockfactory.storage.s3.auth.RequestAuthenticator;
import io.mockfactory.storage.s3.cors.BucketCors;
import io.mockfactory.storage.s3.ops.AttributesOperations;
import io.mockfactory.storage.s3.ops.BucketOperations;
import io.mockfactory.storage.s3.ops.DeleteOperations;
import io.mockfactory.storage.s3.ops.TaggingOperations;
import io.mockfactory.storage.s3.ops.VersioningOperations;
import io.mockfactory.storage.s3.ops.ListingOperations;
import io.mockfactory.storage.s3.ops.MultipartOperations;
import io.mockfactory.storage.s3.ops.ObjectOperations;
import io.mockfactory.storage.s3.post.PostUploads;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/** Authenticates an S3 request and routes it to its operation ({@link S3Action}: by method, addressing and sub-resource). */
@Singleton
public class S3Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(S3Dispatcher.class);
    private final RequestAuthenticator authenticator;
    private final S3Addressing addressing;
    private final BucketOperations buckets;
    private final ObjectOperations objects;
    private final ListingOperations listings;
    private final MultipartOperations multipart;
    private final DeleteOperations deletes;
    private final VersioningOperations versioning;
    private final TaggingOperations tagging;
    private final AttributesOperations attributes;
    private final String defaultRegion;
    private final S3Activity activity;
    private final BucketCors cors;
    private final PostUploads postUploads;
    private final RequestAuthorizer authorizer;
    private final AccessOperations access;

    public S3Dispatcher(AccessKeys accessKeys, BucketOperations buckets, ObjectOperations objects, ListingOperations listings,
                        MultipartOperations multipart, DeleteOperations deletes, VersioningOperations versioning,
                        TaggingOperations tagging, AttributesOperations attributes, S3Activity activity, BucketCors cors,
                        PostUploads postUploads,
                        RequestAuthorizer authorizer, AccessOperations access,
                        @Value("${mockfactory.s3.virtual-host-domains:localhost}") String virtualHostDomains,
                        @Value("${mockfactory.s3.default-region:us-east-1}") String defaultRegion) {
        this.authenticator = new RequestAuthenticator(accessKeys, Clock.systemUTC());
        this.addressing = new S3Addressing(Arrays.asList(virtualHostDomains.split(",")));
        this.buckets = buckets;
        this.objects = objects;
        this.listings = listings;
        this.multipart = multipart;
        this.deletes = deletes;
        this.versioning = versioning;
        this.tagging = tagging;
        this.attributes = attributes;
        this.defaultRegion = defaultRegion;
        this.activity = activity;
        this.cors = cors;
        this.postUploads = postUploads;
        this.authorizer = authorizer;
        this.access = access;
    }

    public S3Response handle(S3Request request) {
        MDC.put("requestId", request.requestId());
        Authenticated auth = null;
        S3Response response;
        try {
            String virtualHostBucket = addressing.address(request);
            // Before authentication: a presigned URL's access key id, a query value, is looked up in the database
            UnstorableInput.refuse(request);
            if (request.action() == S3Action.PREFLIGHT) {
                // A browser sends CORS preflights without credentials: answered from the bucket's CORS rules alone
                return cors.preflight(request);
            }
            if (request.action() == S3Action.POST_OBJECT) {
                // A browser form upload: its credential and signature are fields of the form, not headers
                response = postUploads.handle(request, activity::touch);
                return cors.answered(request, null, response);
            }
            auth = authenticator.verify(request, virtualHostBucket);
            if (!auth.anonymous()) {
                activity.touch(auth.environmentId());
            }
            // Whose bucket the request means and whether its policy and ACLs let this caller do it
            auth = authorizer.authorize(request, auth);
            response = route(request, auth);
        } catch (S3Exception e) {
            LOG.debug("{} {} -> {}", request.method(), request.path(), e.error().code());
            response = S3ErrorRenderer.render(e, request);
        } catch (Exception e) {
            S3Exception cause = unwrap(e);
            if (cause != null) {
                response = S3ErrorRenderer.render(cause, request);
            } else {
                LOG.error("{} {} failed (request {})", request.method(), request.path(), request.requestId(), e);
                response = S3ErrorRenderer.render(S3Error.INTERNAL_ERROR.exception(), request);
            }
        } finally {
            MDC.remove("requestId");
        }
        // Every answer, errors included, carries the CORS headers its Origin is allowed, so a page can read it
        // An anonymous caller names no environment: the CORS rules come from the bucket its name finds
        return cors.answered(request, auth == null || auth.environmentId() == null ? null : auth, response);
    }

    private S3Response route(S3Request request, Authenticated auth) throws Exception {
        return switch (request.action()) {
            case LIST_BUCKETS -> buckets.list(auth);
            case CREATE_BUCKET -> buckets.create(request, auth, defaultRegion);
            case PUT_BUCKET_VERSIONING -> versioning.put(request, auth);
            case HEAD_BUCKET -> buckets.head(request, auth);
            case DELETE_BUCKET -> buckets.delete(request, auth);
            case GET_BUCKET_LOCATION -> buckets.location(request, auth);
            case GET_BUCKET_VERSIONING -> versioning.get(request, auth);
            case LIST_OBJECT_VERSIONS -> versioning.list(request, auth);
            case PUT_BUCKET_TAGGING -> tagging.putBucket(request, auth);
            case GET_BUCKET_TAGGING -> tagging.getBucket(request, auth);
            case DELETE_BUCKET_TAGGING -> tagging.deleteBucket(request, auth);
            case PUT_OBJECT_TAGGING -> tagging.putObject(request, auth);
            case GET_OBJECT_TAGGING -> tagging.getObject(request, auth);
            case DELETE_OBJECT_TAGGING -> tagging.deleteObject(request, auth);
            case GET_OBJECT_ATTRIBUTES -> attributes.get(request, auth);
            case LIST_MULTIPART_UPLOADS -> multipart.listUploads(request, auth);
            case LIST_OBJECTS_V2 -> listings.listV2(request, auth);
            case LIST_OBJECTS -> listings.listV1(request, auth);
            case DELETE_OBJECTS -> deletes.deleteMany(request, auth);
            case PUT_OBJECT -> objects.put(request, auth);
            case COPY_OBJECT -> objects.copy(request, auth);
            case UPLOAD_PART -> multipart.uploadPart(request, auth);
            case UPLOAD_PART_COPY -> multipart.uploadPartCopy(request, auth);
            case GET_OBJECT -> objects.get(request, auth, false);
            case HEAD_OBJECT -> objects.get(request, auth, true);
            case LIST_PARTS -> multipart.listParts(request, auth);
            case DELETE_OBJECT -> deletes.delete(request, auth);
            case ABORT_MULTIPART_UPLOAD -> multipart.abort(request, auth);
            case CREATE_MULTIPART_UPLOAD -> multipart.create(request, auth);
            case COMPLETE_MULTIPART_UPLOAD -> multipart.complete(request, auth);
            case PUT_BUCKET_CORS -> cors.operations().put(request, auth);
            case GET_BUCKET_CORS -> cors.operations().get(request, auth);
            case DELETE_BUCKET_CORS -> cors.operations().delete(request, auth);
            // Answered before authentication (handle); here only if that changes
            case PREFLIGHT -> cors.preflight(request);
            case PUT_BUCKET_ACL -> access.putBucketAcl(request, auth);
            case GET_BUCKET_ACL -> access.getBucketAcl(request, auth);
            case PUT_OBJECT_ACL -> access.putObjectAcl(request, auth);
            case GET_OBJECT_ACL -> access.getObjectAcl(request, auth);
            case PUT_BUCKET_POLICY -> access.putPolicy(request, auth);
            case GET_BUCKET_POLICY -> access.getPolicy(request, auth);
            case DELETE_BUCKET_POLICY -> access.delete(request, auth, BucketSettings.Setting.POLICY);
            case GET_BUCKET_POLICY_STATUS -> access.getPolicyStatus(request, auth);
            case PUT_PUBLIC_ACCESS_BLOCK -> access.putPublicAccessBlock(request, auth);
            case GET_PUBLIC_ACCESS_BLOCK -> access.getPublicAccessBlock(request, auth);
            case DELETE_PUBLIC_ACCESS_BLOCK -> access.delete(request, auth, BucketSettings.Setting.PUBLIC_ACCESS_BLOCK);
            case PUT_BUCKET_OWNERSHIP_CONTROLS -> access.putOwnership(request, auth);
            case GET_BUCKET_OWNERSHIP_CONTROLS -> access.getOwnership(request, auth);
            case DELETE_BUCKET_OWNERSHIP_CONTROLS -> access.delete(request, auth, BucketSettings.Setting.OWNERSHIP);
            case POST_OBJECT -> throw new IllegalStateException("POST Object is answered before header authentication");
            case UNKNOWN -> throw refusal(request);
        };
    }

    /** Why no action matches: a sub-resource this emulator does not implement, else a method S3 does not take there. */
    private static S3Exception refusal(S3Request request) {
        Optional<String> unsupported = request.bucket() == null ? Optional.empty() : S3Action.unsupportedSubresource(request);
        return unsupported.map(S3Dispatcher::notImplementedError).orElseGet(S3Error.METHOD_NOT_ALLOWED::exception);
    }

    private static S3Exception notImplementedError(String what) {
        return S3Error.NOT_IMPLEMENTED.exception("The " + what + " sub-resource is not implemented by MockFactory.");
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
