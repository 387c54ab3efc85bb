package io.mockfactory.storage.s3.post;

import io.mockfactory.storage.meta.StoredObject;

/**
 * A form upload that was stored, and what of its form is not part of the stored object yet: the canned ACL, the
 * tagging document and the storage class, each as the form gave it (null when absent). A policy condition covered
 * each of them, so each is what the policy's signer allowed. Storing the ACL and the tags belongs to the features
 * that implement them; the lead wires these values to them.
 *
 * @param acl          the {@code acl} field, e.g. {@code public-read}
 * @param tagging      the {@code tagging} field: a {@code <Tagging><TagSet>…} XML document
 * @param storageClass the {@code x-amz-storage-class} field
 */
public record PostResult(StoredObject object, String bucket, String acl, String tagging, String storageClass) {
}
