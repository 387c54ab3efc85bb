package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.S3Response;

import java.util.regex.Pattern;

/** Version ids in requests and answers: which S3 accepts, and when S3 names one in a response header. */
final class VersionIds {
    static final String HEADER = "x-amz-version-id";
    static final String DELETE_MARKER = "x-amz-delete-marker";
    /** Ours are 32 URL-safe characters (ObjectWrites.newVersionId); "null" names the null version. */
    private static final Pattern OURS = Pattern.compile("[A-Za-z0-9_-]{32}");

    private VersionIds() {
    }

    /** @return the request's version id, null if none; refused if it could never have been one of ours */
    static String requested(String value) {
        if (value == null) {
            return null;
        }
        if (value.equals(StoredObject.NULL_VERSION) || OURS.matcher(value).matches()) {
            return value;
        }
        throw invalid(value);
    }

    static S3Exception invalid(String value) {
        return S3Error.INVALID_ARGUMENT.exception("Invalid version id specified").with("ArgumentName", "versionId")
                .with("ArgumentValue", value);
    }

    /** S3 names versions only in buckets whose versioning was ever enabled ("null" for the null version there). */
    static S3Response describe(S3Response response, Bucket bucket, String versionId) {
        if (bucket.versioningEverEnabled() && versionId != null) {
            response.header(HEADER, versionId);
        }
        return response;
    }

    /** GET/HEAD of a delete marker: 404 for the latest version, 405 when it was asked for by id, as S3 answers. */
    static S3Exception deleteMarker(StoredObject marker, boolean askedById) {
        S3Exception error = askedById
                ? S3Error.METHOD_NOT_ALLOWED.exception().with("Method", "GET").with("ResourceType", "DeleteMarker")
                        .withHeader("Last-Modified", ObjectHeaders.HTTP_DATE.format(marker.lastModified()))
                        .withHeader("Allow", "DELETE")
                : ObjectOperations.noSuchKey(marker.key());
        return error.withHeader(DELETE_MARKER, "true").withHeader(HEADER, marker.versionId());
    }
}
