package io.mockfactory.storage.s3.access;

import java.util.List;

import static io.mockfactory.storage.s3.access.IamAction.Target.ACCOUNT;
import static io.mockfactory.storage.s3.access.IamAction.Target.BUCKET;
import static io.mockfactory.storage.s3.access.IamAction.Target.COPY_SOURCE;
import static io.mockfactory.storage.s3.access.IamAction.Target.OBJECT;

/**
 * The IAM actions AWS checks for each S3 operation (AWS's operation names, as {@code S3Action.operationName()} gives
 * them), from the "permissions" section of each operation's API reference. Every action of the list must be allowed.
 */
public final class IamActions {
    private IamActions() {
    }

    /**
     * @param operation AWS's operation name ("GetObject", "HeadBucket", …)
     * @param versioned whether the request names a version: its versionId query parameter, or for CopyObject and
     *                  UploadPartCopy the copy source's versionId. DeleteObjects is checked per key: call this with
     *                  "DeleteObject" and each key's versionId.
     * @throws IllegalArgumentException for an operation this table does not know (a wiring mistake)
     */
    public static List<IamAction> of(String operation, boolean versioned) {
        return switch (operation) {
            case "GetObject", "HeadObject" -> object(versioned ? "GetObjectVersion" : "GetObject");
            case "PutObject", "PostObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" -> object("PutObject");
            case "CopyObject", "UploadPartCopy" -> List.of(new IamAction("s3:PutObject", OBJECT),
                    new IamAction(versioned ? "s3:GetObjectVersion" : "s3:GetObject", COPY_SOURCE));
            case "DeleteObject", "DeleteObjects" -> object(versioned ? "DeleteObjectVersion" : "DeleteObject");
            case "AbortMultipartUpload" -> object("AbortMultipartUpload");
            case "ListParts" -> object("ListMultipartUploadParts");
            // Versioned or not, both are needed (GetObjectAttributes' reference)
            case "GetObjectAttributes" -> versioned
                    ? List.of(new IamAction("s3:GetObjectVersion", OBJECT), new IamAction("s3:GetObjectVersionAttributes", OBJECT))
                    : List.of(new IamAction("s3:GetObject", OBJECT), new IamAction("s3:GetObjectAttributes", OBJECT));
            case "GetObjectTagging" -> object(versioned ? "GetObjectVersionTagging" : "GetObjectTagging");
            case "PutObjectTagging" -> object(versioned ? "PutObjectVersionTagging" : "PutObjectTagging");
            case "DeleteObjectTagging" -> object(versioned ? "DeleteObjectVersionTagging" : "DeleteObjectTagging");
            case "GetObjectAcl" -> object(versioned ? "GetObjectVersionAcl" : "GetObjectAcl");
            case "PutObjectAcl" -> object(versioned ? "PutObjectVersionAcl" : "PutObjectAcl");
            case "ListObjects", "ListObjectsV2", "HeadBucket" -> bucket("ListBucket");
            case "ListObjectVersions" -> bucket("ListBucketVersions");
            case "ListMultipartUploads" -> bucket("ListBucketMultipartUploads");
            case "GetBucketAcl", "PutBucketAcl", "GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy",
                    "GetBucketPolicyStatus", "GetBucketTagging", "PutBucketTagging", "GetBucketVersioning",
                    "PutBucketVersioning", "GetBucketOwnershipControls", "PutBucketOwnershipControls",
                    "GetBucketLocation", "DeleteBucket", "CreateBucket" -> bucket(operation);
            // S3 has no separate action for these deletions: removing a configuration is putting it
            case "DeleteBucketTagging" -> bucket("PutBucketTagging");
            case "DeleteBucketOwnershipControls" -> bucket("PutBucketOwnershipControls");
            case "GetBucketCors" -> bucket("GetBucketCORS");
            case "PutBucketCors", "DeleteBucketCors" -> bucket("PutBucketCORS");
            case "GetPublicAccessBlock" -> bucket("GetBucketPublicAccessBlock");
            case "PutPublicAccessBlock", "DeletePublicAccessBlock" -> bucket("PutBucketPublicAccessBlock");
            case "ListBuckets" -> List.of(new IamAction("s3:ListAllMyBuckets", ACCOUNT));
            default -> throw new IllegalArgumentException("No IAM actions known for the operation " + operation);
        };
    }

    private static List<IamAction> object(String action) {
        return List.of(new IamAction("s3:" + action, OBJECT));
    }

    private static List<IamAction> bucket(String action) {
        return List.of(new IamAction("s3:" + action, BUCKET));
    }
}
