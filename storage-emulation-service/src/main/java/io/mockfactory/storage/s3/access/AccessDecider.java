package io.mockfactory.storage.s3.access;

import io.mockfactory.storage.s3.S3Error;

/**
 * Decides whether a principal may perform one IAM action, as S3 does for a bucket policy and ACLs:
 * <ol>
 * <li>an explicit Deny of the bucket policy denies, even the owner;</li>
 * <li>the resource's owner (same environment) is allowed: the bucket owner for bucket-scoped actions (listing,
 * writing and deleting objects, the bucket ACL), the object owner for the object's own (reading it, its ACL);</li>
 * <li>else a policy Allow allows, for resources the bucket owner owns (its policy cannot grant another account's
 * objects); with RestrictPublicBuckets a public policy allows no one outside the bucket owner's account;</li>
 * <li>else the relevant ACL (bucket or object) allows if it grants the mapped permission; IgnorePublicAcls drops its
 * public grants, and BucketOwnerEnforced disables ACLs (and makes the bucket owner own every object);</li>
 * <li>else it is denied.</li>
 * </ol>
 */
public final class AccessDecider {
    public enum Reason { EXPLICIT_DENY, OWNER, POLICY, ACL, IMPLICIT_DENY }

    public record Decision(boolean allowed, Reason reason) {
    }

    private AccessDecider() {
    }

    public static Decision decide(AccessRequest request) {
        Principal principal = request.principal();
        PolicyEvaluator.Decision policy = PolicyEvaluator.evaluate(request.policy(), principal, request.action(),
                request.bucket(), request.key(), request.context());
        if (policy == PolicyEvaluator.Decision.DENY) {
            return new Decision(false, Reason.EXPLICIT_DENY);
        }
        boolean aclsEnabled = request.ownership().aclsEnabled();
        AclRules.Rule rule = AclRules.of(request.action(), request.key() != null);
        String bucketOwner = request.bucketOwnerEnvironmentId();
        String owner = rule.onBucket() || !aclsEnabled || request.objectOwnerEnvironmentId() == null
                ? bucketOwner : request.objectOwnerEnvironmentId();
        if (principal.isEnvironment(owner)) {
            return new Decision(true, Reason.OWNER);
        }
        if (policy == PolicyEvaluator.Decision.ALLOW && owner.equals(bucketOwner) && !restricted(request)) {
            return new Decision(true, Reason.POLICY);
        }
        if (aclsEnabled && rule.permission() != null) {
            Acl acl = rule.onBucket() ? request.bucketAcl() : request.objectAcl();
            if (acl != null && request.publicAccessBlock().ignorePublicAcls()) {
                acl = acl.withoutPublicGrants();
            }
            if (acl != null && acl.permits(principal, rule.permission())) {
                return new Decision(true, Reason.ACL);
            }
        }
        return new Decision(false, Reason.IMPLICIT_DENY);
    }

    /** As {@link #decide}, answering S3's 403 AccessDenied when the action is not allowed. */
    public static void require(AccessRequest request) {
        if (!decide(request).allowed()) {
            throw S3Error.ACCESS_DENIED.exception();
        }
    }

    /** RestrictPublicBuckets: a public policy's grants reach only the bucket owner's own account. */
    private static boolean restricted(AccessRequest request) {
        return request.publicAccessBlock().restrictPublicBuckets() && !request.principal().isEnvironment(request.bucketOwnerEnvironmentId())
                && PublicPolicy.isPublic(request.policy());
    }
}
