package io.mockfactory.storage.s3.access;

/**
 * One IAM action an S3 operation is authorized by, and which resource it is checked on: the bucket, the object the
 * request names, the copy source (CopyObject, UploadPartCopy), or the account (ListBuckets).
 */
public record IamAction(String action, Target target) {
    public enum Target { ACCOUNT, BUCKET, OBJECT, COPY_SOURCE }

    /** The resource's ARN, for messages and for callers that want it; policies are evaluated on bucket and key. */
    public static String arn(String bucket, String key) {
        return key == null ? "arn:aws:s3:::" + bucket : "arn:aws:s3:::" + bucket + "/" + key;
    }
}
