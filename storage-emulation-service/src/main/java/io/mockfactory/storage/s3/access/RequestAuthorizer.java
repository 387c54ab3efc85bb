package io.mockfactory.storage.s3.access;

import io.micronaut.context.annotation.Value;
import io.mockfactory.storage.meta.ObjectRows;
import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.S3Action;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.auth.Authenticated;
import io.mockfactory.storage.s3.ops.ObjectOperations.CopySource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides every S3 request as S3 evaluates it, before its operation runs: whose bucket it means, and whether the
 * bucket policy, the ACLs and the public access block let this caller do it.
 * <ul>
 *   <li>A signed request names its own environment's bucket when it has one of that name: the owner may do anything
 *       a policy does not explicitly deny it.</li>
 *   <li>Otherwise (an anonymous request, or another environment's key: another AWS account) the name may mean any
 *       running environment's bucket. The oldest bucket of that name whose policy or ACLs grant the request is the
 *       one it acts on; if none grants it, it is AccessDenied, and NoSuchBucket only if no environment has one.</li>
 *   <li>A bucket's policy, public access block and ownership controls are its owner's alone to read and change, as
 *       in S3 (405 to anyone else, whatever a policy says).</li>
 * </ul>
 * Objects in a bucket are treated as the bucket owner's (their ACLs grant others more, never the owner less).
 */
@Singleton
public class RequestAuthorizer {
    private static final Set<S3Action> OWNER_ONLY = Set.of(S3Action.PUT_BUCKET_POLICY, S3Action.GET_BUCKET_POLICY,
            S3Action.DELETE_BUCKET_POLICY, S3Action.GET_BUCKET_POLICY_STATUS, S3Action.PUT_PUBLIC_ACCESS_BLOCK,
            S3Action.GET_PUBLIC_ACCESS_BLOCK, S3Action.DELETE_PUBLIC_ACCESS_BLOCK, S3Action.PUT_BUCKET_OWNERSHIP_CONTROLS,
            S3Action.GET_BUCKET_OWNERSHIP_CONTROLS, S3Action.DELETE_BUCKET_OWNERSHIP_CONTROLS);
    /** Writes whose ACL or tag headers S3 authorizes as PutObjectAcl / PutObjectTagging too. */
    private static final Set<S3Action> CREATES_OBJECTS = Set.of(S3Action.PUT_OBJECT, S3Action.COPY_OBJECT,
            S3Action.CREATE_MULTIPART_UPLOAD);

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
        if (auth.anonymous() && action == S3Action.GET_OBJECT && request.queryPairs().stream()
                .anyMatch(pair -> pair.getKey().startsWith("response-"))) {
            throw S3Error.INVALID_REQUEST.exception("Request specific response headers cannot be used for anonymous GET requests.");
        }
        Principal principal = principal(auth);
        if (!auth.anonymous()) {
            Optional<BucketAccess> own = buckets.own(auth.callerEnvironmentId(), request.bucket());
            if (own.isPresent()) {
                if (!allowed(request, principal, own.get())) {
                    throw S3Error.ACCESS_DENIED.exception();
                }
                return expectedOwner(request, auth);
            }
        }
        List<BucketAccess> candidates = buckets.named(request.bucket());
        if (candidates.isEmpty()) {
            throw S3Error.NO_SUCH_BUCKET.exception().with("BucketName", request.bucket());
        }
        if (OWNER_ONLY.contains(action)) {
            throw S3Error.METHOD_NOT_ALLOWED.exception("Only the bucket owner's account may use this operation.");
        }
        for (BucketAccess bucket : candidates) {
            if (!principal.isEnvironment(bucket.environmentId()) && allowed(request, principal, bucket)) {
                return expectedOwner(request, auth.actingOn(bucket.environmentId()));
            }
        }
        throw S3Error.ACCESS_DENIED.exception();
    }

    /**
     * A browser form upload into the signer's own bucket (form uploads are always signed): only the bucket policy
     * can refuse it, with an explicit Deny of s3:PutObject on the key.
     */
    public void requirePostUpload(S3Request request, Authenticated auth, String key, boolean withAcl) throws Exception {
        Principal principal = principal(auth);
        Optional<BucketAccess> bucket = buckets.own(auth.environmentId(), request.bucket());
        if (bucket.isEmpty() || bucket.get().ownerNeedsNoCheck(principal)) {
            return;
        }
        List<String> actions = new ArrayList<>(List.of("s3:PutObject"));
        if (withAcl) {
            actions.add("s3:PutObjectAcl");
        }
        for (String action : actions) {
            if (!decide(request, principal, bucket.get(), action, key, Map.of(), null).allowed()) {
                throw S3Error.ACCESS_DENIED.exception();
            }
        }
    }

    /** DeleteObjects: each key is a DeleteObject of its own, decided on its own. */
    public boolean mayDelete(S3Request request, Authenticated auth, String key, String versionId) throws Exception {
        Principal principal = principal(auth);
        Optional<BucketAccess> bucket = buckets.own(auth.environmentId(), request.bucket());
        if (bucket.isEmpty() || bucket.get().ownerNeedsNoCheck(principal)) {
            return true;
        }
        for (IamAction action : IamActions.of("DeleteObject", versionId != null)) {
            Optional<StoredObject> object = existing(bucket.get().bucketId(), key, versionId);
            if (!decide(request, principal, bucket.get(), action.action(), key, object.map(StoredObject::tags).orElse(Map.of()),
                    object.map(StoredObject::acl).orElse(null)).allowed()) {
                return false;
            }
        }
        return true;
    }

    /** {@code x-amz-expected-bucket-owner}: the SDKs' guard against acting on another account's bucket of that name. */
    private static Authenticated expectedOwner(S3Request request, Authenticated acting) {
        for (String header : List.of("x-amz-expected-bucket-owner", "x-amz-source-expected-bucket-owner")) {
            String expected = request.header(header);
            if (expected != null && !expected.strip().equals(Identities.accountId(acting.environmentId()))) {
                throw S3Error.ACCESS_DENIED.exception();
            }
        }
        return acting;
    }

    private boolean allowed(S3Request request, Principal principal, BucketAccess bucket) throws Exception {
        S3Action action = request.action();
        if (action == S3Action.DELETE_OBJECTS && principal.isEnvironment(bucket.environmentId())) {
            // The owner's keys are decided one by one (mayDelete): a Deny on some keys refuses only those
            return true;
        }
        CopySource source = request.header("x-amz-copy-source") == null ? null
                : CopySource.parse(request.header("x-amz-copy-source"));
        boolean versioned = request.hasParam("versionId") || (source != null && source.versionId() != null);
        List<IamAction> actions = new ArrayList<>(IamActions.of(action.operationName(), versioned));
        if (CREATES_OBJECTS.contains(action)) {
            if (!AclRequest.read(request::header).isEmpty()) {
                actions.add(new IamAction("s3:PutObjectAcl", IamAction.Target.OBJECT));
            }
            if (request.header("x-amz-tagging") != null) {
                actions.add(new IamAction("s3:PutObjectTagging", IamAction.Target.OBJECT));
            }
        }
        for (IamAction iam : actions) {
            boolean ok = iam.target() == IamAction.Target.COPY_SOURCE
                    ? copySourceAllowed(request, principal, bucket, iam, source)
                    : bucket.ownerNeedsNoCheck(principal) || allowedOn(request, principal, bucket, iam);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private boolean allowedOn(S3Request request, Principal principal, BucketAccess bucket, IamAction action) throws Exception {
        return switch (action.target()) {
            case ACCOUNT -> !principal.isAnonymous();
            case BUCKET -> decide(request, principal, bucket, action.action(), null, Map.of(), null).allowed();
            default -> {
                // DeleteObjects names its keys in the body (each decided by mayDelete): getting in is deleting any key
                String key = request.key() == null ? "*" : request.key();
                // The object is read for its ACL (others) and its tags (s3:ExistingObjectTag, whenever a policy decides)
                boolean needed = request.key() != null && (bucket.policy() != null || !principal.isEnvironment(bucket.environmentId()));
                Optional<StoredObject> object = needed ? existing(bucket.bucketId(), key, request.param("versionId")) : Optional.empty();
                yield decide(request, principal, bucket, action.action(), key, object.map(StoredObject::tags).orElse(Map.of()),
                        object.map(StoredObject::acl).orElse(null)).allowed();
            }
        };
    }

    /** The copy source is read in the environment the copy writes to; its own bucket's policy and ACLs decide it. */
    private boolean copySourceAllowed(S3Request request, Principal principal, BucketAccess target, IamAction action,
                                      CopySource source) throws Exception {
        if (source == null) {
            return true;
        }
        Optional<BucketAccess> bucket = buckets.own(target.environmentId(), source.bucket());
        if (bucket.isEmpty() || bucket.get().ownerNeedsNoCheck(principal)) {
            // None: the copy answers NoSuchBucket itself
            return true;
        }
        Optional<StoredObject> object = existing(bucket.get().bucketId(), source.key(), source.versionId());
        return decide(request, principal, bucket.get(), action.action(), source.key(),
                object.map(StoredObject::tags).orElse(Map.of()), object.map(StoredObject::acl).orElse(null)).allowed();
    }

    private AccessDecider.Decision decide(S3Request request, Principal principal, BucketAccess bucket, String action,
                                          String key, Map<String, String> tags, String objectAcl) {
        return AccessDecider.decide(AccessRequest.builder(principal, action, bucket.name(), bucket.environmentId())
                .key(key)
                .policy(bucket.policy())
                .bucketAcl(bucket.effectiveAcl())
                .objectAcl(objectAcl == null ? (key == null ? null : Acl.privateTo(bucket.owner())) : AclJson.read(objectAcl))
                .publicAccessBlock(bucket.publicAccessBlock())
                .ownership(bucket.ownership())
                .context(ConditionKeys.of(request, principal, clock.instant(), tags, behindProxy))
                .build());
    }

    /** The version named (or the latest), read for its ACL and tags; empty if there is none. */
    private Optional<StoredObject> existing(long bucketId, String key, String versionId) throws Exception {
        if (key == null || key.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection()) {
            return objects.find(connection, bucketId, key, versionId).filter(object -> !object.deleteMarker());
        }
    }

    private static Principal principal(Authenticated auth) {
        return auth.anonymous() ? Principal.ANONYMOUS : Principal.of(auth.callerEnvironmentId(), auth.accessKeyId());
    }
}
