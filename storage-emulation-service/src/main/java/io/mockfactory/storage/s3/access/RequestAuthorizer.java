package io.mockfactory.storage.s3.access;

import io.micronaut.context.annotation.Value;
import io.mockfactory.storage.meta.ObjectRows;
import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.S3Action;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.UriEncoding;
import io.mockfactory.storage.s3.auth.Authenticated;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides every S3 request as S3 evaluates it, before its operation runs: whose bucket it means, and whether the
 * bucket policy, the ACLs and the public access block let this caller do it.
 * <ul>
 *   <li>A signed request names its own environment's bucket when it has one of that name: the owner may do anything
 *       a policy does not explicitly deny it.</li>
 *   <li>Otherwise (an anonymous request, or another environment's key: another AWS account) the name may mean any
 *       environment's bucket. The oldest bucket of that name whose policy or ACLs grant the request is the one it
 *       acts on; if none grants it, it is AccessDenied, and NoSuchBucket only if no environment has such a bucket.</li>
 * </ul>
 * Objects in a bucket are treated as the bucket owner's (their ACLs grant others more, never the owner less).
 */
@Singleton
public class RequestAuthorizer {
    private final BucketAccessCache buckets;
    private final ObjectRows objects;
    private final DataSource dataSource;
    private final Clock clock = Clock.systemUTC();
    private final boolean behindProxy;

    public RequestAuthorizer(BucketAccessCache buckets, ObjectRows objects, DataSource dataSource,
                             @Value("${mockfactory.s3.behind-proxy:false}") boolean behindProxy) {
        this.buckets = buckets;
        this.objects = objects;
        this.dataSource = dataSource;
        this.behindProxy = behindProxy;
    }

    /** @return the request's authentication, acting on the environment whose bucket it was allowed on */
    public Authenticated authorize(S3Request request, Authenticated auth) throws Exception {
        S3Action action = request.action();
        if (action == S3Action.LIST_BUCKETS || action == S3Action.CREATE_BUCKET) {
            if (auth.anonymous()) {
                throw S3Error.ACCESS_DENIED.exception();
            }
            return auth;
        }
        if (request.bucket() == null || action == S3Action.UNKNOWN) {
            // What no action matches is refused by the dispatcher; to anonymous callers it is simply not granted
            if (auth.anonymous()) {
                throw S3Error.ACCESS_DENIED.exception();
            }
            return auth;
        }
        Principal principal = principal(auth);
        if (!auth.anonymous()) {
            Optional<BucketAccess> own = buckets.own(auth.callerEnvironmentId(), request.bucket());
            if (own.isPresent()) {
                if (!allowed(request, principal, own.get(), request.action().operationName())) {
                    throw S3Error.ACCESS_DENIED.exception();
                }
                return auth;
            }
        }
        List<BucketAccess> candidates = buckets.named(request.bucket());
        if (candidates.isEmpty()) {
            throw S3Error.NO_SUCH_BUCKET.exception().with("BucketName", request.bucket());
        }
        for (BucketAccess bucket : candidates) {
            if (!principal.isEnvironment(bucket.environmentId())
                    && allowed(request, principal, bucket, request.action().operationName())) {
                return auth.actingOn(bucket.environmentId());
            }
        }
        throw S3Error.ACCESS_DENIED.exception();
    }

    /** DeleteObjects: each key is a DeleteObject of its own, decided on its own. */
    public boolean mayDelete(S3Request request, Authenticated auth, String key, String versionId) throws Exception {
        Principal principal = principal(auth);
        Optional<BucketAccess> bucket = buckets.own(auth.environmentId(), request.bucket());
        if (bucket.isEmpty() || bucket.get().ownerNeedsNoCheck(principal)) {
            return true;
        }
        for (IamAction action : IamActions.of("DeleteObject", versionId != null)) {
            if (!decide(request, principal, bucket.get(), action, key, Map.of()).allowed()) {
                return false;
            }
        }
        return true;
    }

    private boolean allowed(S3Request request, Principal principal, BucketAccess bucket, String operation) throws Exception {
        if (bucket.ownerNeedsNoCheck(principal)) {
            return true;
        }
        boolean versioned = request.hasParam("versionId") || copySourceVersion(request) != null;
        for (IamAction action : IamActions.of(operation, versioned)) {
            if (!allowed(request, principal, bucket, action)) {
                return false;
            }
        }
        return true;
    }

    private boolean allowed(S3Request request, Principal principal, BucketAccess bucket, IamAction action) throws Exception {
        return switch (action.target()) {
            case ACCOUNT -> !principal.isAnonymous();
            case BUCKET -> decide(request, principal, bucket, action, null, Map.of()).allowed();
            case OBJECT -> {
                // DeleteObjects names its keys in the body (each decided by mayDelete): getting in is deleting any key
                String key = request.key() == null ? "*" : request.key();
                Optional<StoredObject> object = principal.isEnvironment(bucket.environmentId()) || request.key() == null
                        ? Optional.empty() : existing(bucket.bucketId(), key, request.param("versionId"));
                yield decide(request, principal, bucket, action, key, object.map(StoredObject::tags).orElse(Map.of()),
                        object.map(StoredObject::acl).orElse(null)).allowed();
            }
            case COPY_SOURCE -> copySourceAllowed(request, principal, bucket, action);
        };
    }

    /** The copy source is read in the environment the copy writes to (the bucket's owner); it must allow this caller. */
    private boolean copySourceAllowed(S3Request request, Principal principal, BucketAccess target, IamAction action)
            throws Exception {
        String[] source = copySource(request);
        if (source == null) {
            return true;
        }
        Optional<BucketAccess> bucket = buckets.own(target.environmentId(), source[0]);
        if (bucket.isEmpty() || bucket.get().ownerNeedsNoCheck(principal)) {
            // None: the copy answers NoSuchBucket itself
            return true;
        }
        Optional<StoredObject> object = existing(bucket.get().bucketId(), source[1], source[2]);
        return decide(request, principal, bucket.get(), action, source[1], object.map(StoredObject::tags).orElse(Map.of()),
                object.map(StoredObject::acl).orElse(null)).allowed();
    }

    private AccessDecider.Decision decide(S3Request request, Principal principal, BucketAccess bucket, IamAction action,
                                          String key, Map<String, String> tags) {
        return decide(request, principal, bucket, action, key, tags, null);
    }

    private AccessDecider.Decision decide(S3Request request, Principal principal, BucketAccess bucket, IamAction action,
                                          String key, Map<String, String> tags, String objectAcl) {
        return AccessDecider.decide(AccessRequest.builder(principal, action.action(), bucket.name(), bucket.environmentId())
                .key(key)
                .policy(bucket.policy())
                .bucketAcl(bucket.effectiveAcl())
                .objectAcl(objectAcl == null ? (key == null ? null : Acl.privateTo(bucket.owner())) : AclJson.read(objectAcl))
                .publicAccessBlock(bucket.publicAccessBlock())
                .ownership(bucket.ownership())
                .context(ConditionKeys.of(request, principal, clock.instant(), tags, behindProxy))
                .build());
    }

    /** The version the request names (or the latest), read for its ACL and tags; empty if there is none. */
    private Optional<StoredObject> existing(long bucketId, String key, String versionId) throws Exception {
        if (key == null) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection()) {
            return objects.find(connection, bucketId, key, versionId).filter(object -> !object.deleteMarker());
        } catch (S3Exception e) {
            return Optional.empty();
        }
    }

    private static Principal principal(Authenticated auth) {
        return auth.anonymous() ? Principal.ANONYMOUS : Principal.of(auth.callerEnvironmentId(), auth.accessKeyId());
    }

    /** {bucket, key, versionId} of {@code x-amz-copy-source}, or null without one. */
    private static String[] copySource(S3Request request) {
        String header = request.header("x-amz-copy-source");
        if (header == null || header.isBlank()) {
            return null;
        }
        String raw = header.strip();
        String versionId = copySourceVersion(request);
        int query = raw.indexOf('?');
        String path = UriEncoding.decode(query < 0 ? raw : raw.substring(0, query), false);
        path = path.startsWith("/") ? path.substring(1) : path;
        int slash = path.indexOf('/');
        return slash <= 0 ? null : new String[]{path.substring(0, slash), path.substring(slash + 1), versionId};
    }

    private static String copySourceVersion(S3Request request) {
        String header = request.header("x-amz-copy-source");
        int at = header == null ? -1 : header.indexOf("?versionId=");
        return at < 0 ? null : UriEncoding.decode(header.substring(at + "?versionId=".length()), true);
    }
}
