package io.mockfactory.storage.s3.cors;

import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.mockfactory.storage.s3.auth.Authenticated;
import io.mockfactory.storage.s3.ops.S3Context;
import io.mockfactory.storage.s3.payload.IncomingPayload;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** PutBucketCors, GetBucketCors, DeleteBucketCors: a bucket's CORS configuration, in the caller's environment. */
@Singleton
public class CorsOperations {
    /** S3's limit on the configuration document. */
    static final int MAX_DOCUMENT = 64 * 1024;
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final S3Context context;
    private final CorsStore store;
    private final CorsConfigurations configurations;

    public CorsOperations(S3Context context, CorsStore store, CorsConfigurations configurations) {
        this.context = context;
        this.store = store;
        this.configurations = configurations;
    }

    public S3Response put(S3Request request, Authenticated auth) throws Exception {
        // The bucket first: a document for a bucket that does not exist is not worth reading (nor its errors)
        context.bucket(auth.environmentId(), request.bucket());
        List<CorsRule> rules = CorsXml.parse(readDocument(request, auth));
        try {
            context.transactions().inTransaction(tx -> {
                Bucket bucket = context.bucket(tx, auth.environmentId(), request.bucket());
                store.put(tx, bucket.id(), rules);
                return null;
            });
        } catch (SQLException e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                // The bucket was deleted between our finding it and the insert
                throw S3Error.NO_SUCH_BUCKET.exception().with("BucketName", request.bucket());
            }
            throw e;
        } finally {
            configurations.forget(request.bucket());
        }
        return S3Response.ok();
    }

    public S3Response get(S3Request request, Authenticated auth) throws Exception {
        List<CorsRule> rules;
        try (Connection connection = context.connection()) {
            Bucket bucket = context.bucket(connection, auth.environmentId(), request.bucket());
            rules = store.find(connection, bucket.id()).orElseThrow(() ->
                    S3Error.NO_SUCH_CORS_CONFIGURATION.exception().with("BucketName", bucket.name()));
        }
        return S3Response.xml(CorsXml.write(rules));
    }

    public S3Response delete(S3Request request, Authenticated auth) throws Exception {
        try (Connection connection = context.connection()) {
            Bucket bucket = context.bucket(connection, auth.environmentId(), request.bucket());
            store.delete(connection, bucket.id());
        } finally {
            configurations.forget(request.bucket());
        }
        // As S3: deleting a configuration that is not there succeeds too
        return S3Response.noContent();
    }

    /**
     * The body read as uploads are (aws-chunked decoded, x-amz-content-sha256 and any Content-MD5 or
     * x-amz-checksum-* the client sent verified), up to S3's 64 KB.
     */
    private static byte[] readDocument(S3Request request, Authenticated auth) throws IOException {
        IncomingPayload payload = IncomingPayload.open(request, auth);
        byte[] body = payload.readNBytes(MAX_DOCUMENT + 1);
        if (body.length > MAX_DOCUMENT) {
            throw S3Error.MALFORMED_XML.exception("The CORS configuration is larger than 64 KB, the most S3 accepts.");
        }
        payload.verify();
        return body;
    }
}
