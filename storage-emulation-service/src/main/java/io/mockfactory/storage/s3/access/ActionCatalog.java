package io.mockfactory.storage.s3.access;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * S3's IAM actions and the kind of resource each applies to, from AWS's service authorization reference. Policy
 * validation needs it: an action pattern whose every known action is of another kind than the statement's resources
 * is refused ("Action does not apply to any resource(s) in statement"), as S3 refuses it. An action S3 may add later
 * is simply unknown here and not checked.
 */
final class ActionCatalog {
    enum Kind { BUCKET, OBJECT, ACCOUNT }

    private static final List<String> BUCKET = List.of("CreateBucket", "DeleteBucket", "ListBucket", "ListBucketVersions",
            "ListBucketMultipartUploads", "GetBucketLocation", "GetBucketAcl", "PutBucketAcl", "GetBucketPolicy",
            "PutBucketPolicy", "DeleteBucketPolicy", "GetBucketPolicyStatus", "GetBucketTagging", "PutBucketTagging",
            "GetBucketVersioning", "PutBucketVersioning", "GetBucketCORS", "PutBucketCORS", "GetBucketPublicAccessBlock",
            "PutBucketPublicAccessBlock", "GetBucketOwnershipControls", "PutBucketOwnershipControls", "GetBucketWebsite",
            "PutBucketWebsite", "DeleteBucketWebsite", "GetBucketLogging", "PutBucketLogging", "GetBucketNotification",
            "PutBucketNotification", "GetLifecycleConfiguration", "PutLifecycleConfiguration", "GetReplicationConfiguration",
            "PutReplicationConfiguration", "GetEncryptionConfiguration", "PutEncryptionConfiguration",
            "GetBucketObjectLockConfiguration", "PutBucketObjectLockConfiguration", "GetAccelerateConfiguration",
            "PutAccelerateConfiguration", "GetBucketRequestPayment", "PutBucketRequestPayment", "GetAnalyticsConfiguration",
            "PutAnalyticsConfiguration", "GetInventoryConfiguration", "PutInventoryConfiguration", "GetMetricsConfiguration",
            "PutMetricsConfiguration", "GetIntelligentTieringConfiguration", "PutIntelligentTieringConfiguration");
    private static final List<String> OBJECT = List.of("GetObject", "GetObjectVersion", "PutObject", "DeleteObject",
            "DeleteObjectVersion", "GetObjectAcl", "GetObjectVersionAcl", "PutObjectAcl", "PutObjectVersionAcl",
            "GetObjectTagging", "GetObjectVersionTagging", "PutObjectTagging", "PutObjectVersionTagging",
            "DeleteObjectTagging", "DeleteObjectVersionTagging", "GetObjectAttributes", "GetObjectVersionAttributes",
            "AbortMultipartUpload", "ListMultipartUploadParts", "RestoreObject", "GetObjectRetention", "PutObjectRetention",
            "GetObjectLegalHold", "PutObjectLegalHold", "BypassGovernanceRetention", "GetObjectTorrent",
            "GetObjectVersionTorrent", "ObjectOwnerOverrideToBucketOwner", "ReplicateObject", "ReplicateDelete",
            "ReplicateTags", "GetObjectVersionForReplication", "InitiateReplication");
    private static final List<String> ACCOUNT = List.of("ListAllMyBuckets", "GetAccountPublicAccessBlock",
            "PutAccountPublicAccessBlock", "ListAccessPoints", "ListJobs", "CreateJob");

    private static final Map<String, Kind> KINDS = kinds();

    private ActionCatalog() {
    }

    private static Map<String, Kind> kinds() {
        Map<String, Kind> kinds = new HashMap<>();
        BUCKET.forEach(action -> kinds.put(name(action), Kind.BUCKET));
        OBJECT.forEach(action -> kinds.put(name(action), Kind.OBJECT));
        ACCOUNT.forEach(action -> kinds.put(name(action), Kind.ACCOUNT));
        return Map.copyOf(kinds);
    }

    private static String name(String action) {
        return ("s3:" + action).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the pattern (an Action value, wildcards allowed) may apply to a statement with these kinds of resource:
     * true if it names no action known here, or one that is account-wide or of a kind the statement has.
     */
    static boolean appliesTo(String pattern, boolean bucketResource, boolean objectResource) {
        Glob glob = Glob.compile(pattern);
        boolean known = false;
        for (Map.Entry<String, Kind> entry : KINDS.entrySet()) {
            if (glob.matches(entry.getKey(), true)) {
                known = true;
                Kind kind = entry.getValue();
                if (kind == Kind.ACCOUNT || kind == Kind.BUCKET && bucketResource || kind == Kind.OBJECT && objectResource) {
                    return true;
                }
            }
        }
        return !known;
    }
}
