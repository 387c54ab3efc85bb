package io.mockfactory.storage.s3.access;

import java.util.Locale;
import java.util.Map;

/**
 * Which ACL (the bucket's or the object's) and which permission of it can grant an IAM action, after AWS's "Mapping of
 * ACL permissions and access policy permissions". The ACL's scope is also whose resource the action is on: the
 * bucket owner's for bucket-scoped actions (writing and deleting objects included), the object owner's otherwise.
 */
final class AclRules {
    /** @param permission null when no ACL grants the action (only the owner and the policy can) */
    record Rule(boolean onBucket, Permission permission) {
    }

    private static final Map<String, Rule> RULES = Map.ofEntries(
            bucket("ListBucket", Permission.READ), bucket("ListBucketVersions", Permission.READ),
            bucket("ListBucketMultipartUploads", Permission.READ), bucket("ListMultipartUploadParts", Permission.READ),
            bucket("PutObject", Permission.WRITE), bucket("DeleteObject", Permission.WRITE),
            bucket("DeleteObjectVersion", Permission.WRITE), bucket("AbortMultipartUpload", Permission.WRITE),
            bucket("GetBucketAcl", Permission.READ_ACP), bucket("PutBucketAcl", Permission.WRITE_ACP),
            object("GetObject", Permission.READ), object("GetObjectVersion", Permission.READ),
            object("GetObjectAttributes", Permission.READ), object("GetObjectVersionAttributes", Permission.READ),
            object("GetObjectTorrent", Permission.READ),
            object("GetObjectAcl", Permission.READ_ACP), object("GetObjectVersionAcl", Permission.READ_ACP),
            object("PutObjectAcl", Permission.WRITE_ACP), object("PutObjectVersionAcl", Permission.WRITE_ACP));

    private AclRules() {
    }

    /** @param onObject whether the request names an object (so an action this table does not know is the object's) */
    static Rule of(String action, boolean onObject) {
        Rule rule = RULES.get(action.toLowerCase(Locale.ROOT));
        return rule != null ? rule : new Rule(!onObject, null);
    }

    private static Map.Entry<String, Rule> bucket(String action, Permission permission) {
        return Map.entry(("s3:" + action).toLowerCase(Locale.ROOT), new Rule(true, permission));
    }

    private static Map.Entry<String, Rule> object(String action, Permission permission) {
        return Map.entry(("s3:" + action).toLowerCase(Locale.ROOT), new Rule(false, permission));
    }
}
