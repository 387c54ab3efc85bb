package io.mockfactory.storage.s3.ops;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.meta.BucketSettings;
import io.mockfactory.storage.meta.ObjectRows;
import io.mockfactory.storage.meta.ObjectWrites;
import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.mockfactory.storage.s3.auth.Authenticated;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Object tagging (Put/Get/DeleteObjectTagging, per version) and bucket tagging (Put/Get/DeleteBucketTagging). */
@Singleton
public class TaggingOperations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> TAGS = new TypeReference<>() {
    };

    private final S3Context context;
    private final ObjectRows objects;
    private final ObjectWrites writes;
    private final BucketSettings settings;

    public TaggingOperations(S3Context context, ObjectRows objects, ObjectWrites writes, BucketSettings settings) {
        this.context = context;
        this.objects = objects;
        this.writes = writes;
        this.settings = settings;
    }

    public S3Response putObject(S3Request request, Authenticated auth) throws Exception {
        Map<String, String> tags = TagSets.fromXml(Bodies.read(request, auth), TagSets.OBJECT_LIMIT);
        return setObjectTags(request, auth, tags, S3Response.ok());
    }

    public S3Response deleteObject(S3Request request, Authenticated auth) throws Exception {
        return setObjectTags(request, auth, Map.of(), S3Response.noContent());
    }

    private S3Response setObjectTags(S3Request request, Authenticated auth, Map<String, String> tags, S3Response response)
            throws Exception {
        String key = ObjectKeys.checked(request.key());
        String versionId = VersionIds.requested(request.param("versionId"));
        Tagged tagged = context.transactions().inTransaction(tx -> {
            Bucket bucket = context.bucket(tx, auth.environmentId(), request.bucket());
            StoredObject object = existing(tx, bucket, key, versionId);
            writes.setTags(tx, bucket.id(), key, object.versionId(), tags);
            return new Tagged(bucket, object.versionId());
        });
        return VersionIds.describe(response, tagged.bucket(), tagged.versionId());
    }

    private record Tagged(Bucket bucket, String versionId) {
    }

    public S3Response getObject(S3Request request, Authenticated auth) throws Exception {
        String key = ObjectKeys.checked(request.key());
        String versionId = VersionIds.requested(request.param("versionId"));
        try (Connection connection = context.connection()) {
            Bucket bucket = context.bucket(connection, auth.environmentId(), request.bucket());
            StoredObject object = existing(connection, bucket, key, versionId);
            return VersionIds.describe(S3Response.xml(TagSets.toXml(object.tags())), bucket, object.versionId());
        }
    }

    private StoredObject existing(Connection connection, Bucket bucket, String key, String versionId) throws Exception {
        return ObjectReads.existing(objects, connection, bucket.id(), key, versionId);
    }

    public S3Response putBucket(S3Request request, Authenticated auth) throws Exception {
        Map<String, String> tags = TagSets.fromXml(Bodies.read(request, auth), TagSets.BUCKET_LIMIT);
        return setBucketTags(request, auth, tags.isEmpty() ? null : JSON.writeValueAsString(tags));
    }

    public S3Response deleteBucket(S3Request request, Authenticated auth) throws Exception {
        return setBucketTags(request, auth, null);
    }

    private S3Response setBucketTags(S3Request request, Authenticated auth, String json) throws Exception {
        context.transactions().inTransaction(tx -> {
            Bucket bucket = context.bucket(tx, auth.environmentId(), request.bucket());
            settings.set(tx, bucket.id(), BucketSettings.Setting.TAGS, json);
            return null;
        });
        return S3Response.noContent();
    }

    public S3Response getBucket(S3Request request, Authenticated auth) throws Exception {
        String json;
        try (Connection connection = context.connection()) {
            Bucket bucket = context.bucket(connection, auth.environmentId(), request.bucket());
            json = settings.get(connection, bucket.id(), BucketSettings.Setting.TAGS)
                    .orElseThrow(() -> io.mockfactory.storage.s3.S3Error.NO_SUCH_TAG_SET.exception()
                            .with("BucketName", request.bucket()));
        }
        return S3Response.xml(TagSets.toXml(JSON.readValue(json, TAGS)));
    }
}
