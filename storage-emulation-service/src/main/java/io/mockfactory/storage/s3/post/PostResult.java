package io.mockfactory.storage.s3.post;

import io.mockfactory.storage.meta.StoredObject;

/**
 * A form upload that was stored (its tags, from the {@code tagging} field, with it), and the form fields S3 answers
 * about. A policy condition covered each field, so each is what the policy's signer allowed.
 *
 * @param acl          the {@code acl} field, e.g. {@code public-read}
 * @param versionId    the version the upload made, null in a bucket that was never versioned
 * @param storageClass the {@code x-amz-storage-class} field (every object is STANDARD here)
 */
public record PostResult(StoredObject object, String bucket, String acl, String versionId, String storageClass) {
}
