package io.mockfactory.storage.s3.access;

/**
 * Evaluates a bucket policy for one action on one resource: an explicit Deny anywhere wins, else a matching Allow
 * allows, else the policy says nothing (and ACLs or ownership decide).
 */
public final class PolicyEvaluator {
    public enum Decision { ALLOW, DENY, NONE }

    private PolicyEvaluator() {
    }

    /**
     * @param action an IAM action, "s3:GetObject" (see {@link IamActions})
     * @param key    the object key, or null for an action on the bucket
     */
    public static Decision evaluate(BucketPolicy policy, Principal principal, String action, String bucket, String key,
                                    RequestContext context) {
        if (policy == null) {
            return Decision.NONE;
        }
        String resource = key == null ? bucket : bucket + "/" + key;
        boolean allowed = false;
        for (Statement statement : policy.statements()) {
            if (statement.appliesTo(principal, action, resource, context)) {
                if (statement.effect() == Statement.Effect.DENY) {
                    return Decision.DENY;
                }
                allowed = true;
            }
        }
        return allowed ? Decision.ALLOW : Decision.NONE;
    }
}
