package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.meta.ObjectRows;
import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;

import java.sql.Connection;

/** Finding the object version a sub-resource request (tagging, ACL) is about, with S3's answers when there is none. */
public final class ObjectReads {
    private ObjectReads() {
    }

    /** The request's {@code versionId}, checked; null for the latest version. */
    public static String versionId(S3Request request) {
        return VersionIds.requested(request.param("versionId"));
    }

    /**
     * @throws io.mockfactory.storage.s3.S3Exception NoSuchKey or NoSuchVersion, or a delete marker's 404/405
     */
    public static StoredObject existing(ObjectRows objects, Connection connection, long bucketId, String key, String versionId)
            throws Exception {
        String checked = ObjectKeys.checked(key);
        StoredObject object = objects.find(connection, bucketId, checked, versionId).orElseThrow(() -> versionId == null
                ? ObjectOperations.noSuchKey(checked) : ObjectOperations.noSuchVersion(checked, versionId));
        if (object.deleteMarker()) {
            throw VersionIds.deleteMarker(object, versionId != null);
        }
        return object;
    }

    /** The bucket and the object version a GET, HEAD or GetObjectAttributes means. */
    record Located(Bucket bucket, StoredObject object, String versionId) {
    }

    /**
     * One round trip for the bucket and the version asked for (latest without {@code versionId}).
     *
     * @throws io.mockfactory.storage.s3.S3Exception NoSuchBucket, NoSuchKey or NoSuchVersion, or a delete marker's
     *                                               404/405
     */
    static Located located(S3Context context, ObjectRows objects, io.mockfactory.storage.s3.auth.Authenticated auth,
                           S3Request request) throws Exception {
        String key = ObjectKeys.checked(request.key());
        String versionId = VersionIds.requested(request.param("versionId"));
        ObjectRows.BucketAndObject found;
        try (Connection connection = context.connection()) {
            found = objects.findInBucket(connection, auth.environmentId(), request.bucket(), key, versionId)
                    .orElseThrow(() -> io.mockfactory.storage.s3.S3Error.NO_SUCH_BUCKET.exception()
                            .with("BucketName", request.bucket()));
        }
        StoredObject object = found.object().orElseThrow(() -> versionId == null
                ? ObjectOperations.noSuchKey(key) : ObjectOperations.noSuchVersion(key, versionId));
        if (object.deleteMarker()) {
            throw VersionIds.deleteMarker(object, versionId != null);
        }
        return new Located(found.bucket(), object, versionId);
    }

    public static S3Response describeVersion(S3Response response, Bucket bucket, String versionId) {
        return VersionIds.describe(response, bucket, versionId);
    }
}
