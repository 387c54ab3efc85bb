package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.meta.BucketSettings;
import io.mockfactory.storage.s3.access.Identities;
import io.mockfactory.storage.s3.access.NewAcls;
import io.mockfactory.storage.s3.access.ObjectOwnership;
import io.mockfactory.storage.s3.access.Owner;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.mockfactory.storage.s3.Xml;
import io.mockfactory.storage.s3.auth.Authenticated;
import jakarta.inject.Singleton;
import org.w3c.dom.Element;

import java.sql.Connection;
import java.util.List;
import java.util.regex.Pattern;

/** ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation. */
@Singleton
public class BucketOperations {
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private final S3Context context;
    private final NewAcls acls;
    private final BucketSettings settings;

    public BucketOperations(S3Context context, NewAcls acls, BucketSettings settings) {
        this.context = context;
        this.acls = acls;
        this.settings = settings;
    }

    public S3Response list(Authenticated auth) throws Exception {
        List<Bucket> buckets;
        try (Connection connection = context.connection()) {
            buckets = context.buckets().list(connection, auth.environmentId());
        }
        Xml xml = Xml.document("ListAllMyBucketsResult");
        owner(xml, auth, "Owner").open("Buckets");
        for (Bucket bucket : buckets) {
            xml.open("Bucket").element("Name", bucket.name()).element("CreationDate", Xml.timestamp(bucket.createdAt()))
                    .element("BucketRegion", bucket.region()).close("Bucket");
        }
        return S3Response.xml(xml.close("Buckets").end("ListAllMyBucketsResult"));
    }

    public S3Response create(S3Request request, Authenticated auth, String defaultRegion) throws Exception {
        String name = request.bucket();
        if (!BucketNames.valid(name)) {
            throw S3Error.INVALID_BUCKET_NAME.exception().with("BucketName", name);
        }
        ObjectOwnership ownership = NewAcls.requestedOwnership(request.header("x-amz-object-ownership"));
        String acl = acls.forBucket(request::header, auth.environmentId(), ownership);
        String region = locationConstraint(request.readSmallBody(64 * 1024), defaultRegion);
        boolean created = context.transactions().inTransaction(tx -> {
            if (!context.buckets().create(tx, auth.environmentId(), name, region)) {
                return false;
            }
            if (acl != null || ownership != null) {
                // Only a create that names an ACL or ownership writes them: the defaults are the columns' NULL
                Bucket bucket = context.bucket(tx, auth.environmentId(), name);
                settings.set(tx, bucket.id(), BucketSettings.Setting.ACL, acl);
                settings.set(tx, bucket.id(), BucketSettings.Setting.OWNERSHIP, ownership == null ? null : ownership.awsName());
            }
            return true;
        });
        acls.invalidate(auth.environmentId(), name);
        if (!created) {
            throw S3Error.BUCKET_ALREADY_OWNED_BY_YOU.exception().with("BucketName", name);
        }
        return S3Response.ok().header("Location", "/" + name);
    }

    public S3Response head(S3Request request, Authenticated auth) throws Exception {
        Bucket bucket = context.bucket(auth.environmentId(), request.bucket());
        return S3Response.ok().header("x-amz-bucket-region", bucket.region());
    }

    public S3Response delete(S3Request request, Authenticated auth) throws Exception {
        context.transactions().inTransaction(tx -> {
            Bucket bucket = context.bucket(tx, auth.environmentId(), request.bucket());
            if (!context.buckets().isEmpty(tx, bucket.id())) {
                throw S3Error.BUCKET_NOT_EMPTY.exception().with("BucketName", bucket.name());
            }
            context.doomedBlobs().doom(tx, S3Context.namespace(auth.environmentId()), context.buckets().delete(tx, bucket.id()));
            return null;
        });
        acls.invalidate(auth.environmentId(), request.bucket());
        return S3Response.noContent();
    }

    public S3Response location(S3Request request, Authenticated auth) throws Exception {
        Bucket bucket = context.bucket(auth.environmentId(), request.bucket());
        // us-east-1 is written as an empty constraint, as S3 does
        String constraint = "us-east-1".equals(bucket.region()) ? null : bucket.region();
        return S3Response.xml(Xml.document("LocationConstraint").text(constraint).end("LocationConstraint"));
    }

    /** The owner of what the request acts on (the bucket owner's environment), by its canonical user id as ACLs name it. */
    static Xml owner(Xml xml, Authenticated auth, String element) {
        Owner owner = Identities.owner(auth.environmentId());
        return xml.open(element).element("ID", owner.id()).element("DisplayName", owner.displayName()).close(element);
    }

    private static String locationConstraint(byte[] body, String defaultRegion) {
        if (body.length == 0) {
            return defaultRegion;
        }
        Element root = Xml.parse(body);
        String constraint = Xml.childText(root, "LocationConstraint");
        if (constraint == null || constraint.isBlank()) {
            return defaultRegion;
        }
        // The region is answered back as a header (x-amz-bucket-region): only a region's shape may be stored
        if (!REGION.matcher(constraint.strip()).matches()) {
            throw S3Error.INVALID_LOCATION_CONSTRAINT.exception();
        }
        return constraint.strip();
    }
}
