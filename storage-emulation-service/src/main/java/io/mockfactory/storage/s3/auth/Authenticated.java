package io.mockfactory.storage.s3.auth;

import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Request;

/**
 * Who a request is from and what its body's checks continue from (the seed signature, the signing key and the
 * scope, for streaming chunk signatures).
 *
 * @param environmentId       the environment whose buckets and blobs the request acts on: the caller's own, or, once
 *                            access control allowed it, the owner of another environment's bucket
 * @param callerEnvironmentId the environment whose key signed the request; null for an anonymous request
 */
public record Authenticated(String environmentId, String accessKeyId, PayloadMode payloadMode, String payloadHash,
                            byte[] signingKey, String amzDate, String scope, String seedSignature,
                            String callerEnvironmentId) {

    /** A signed request, acting on its own environment's buckets. */
    public Authenticated(String environmentId, String accessKeyId, PayloadMode payloadMode, String payloadHash,
                         byte[] signingKey, String amzDate, String scope, String seedSignature) {
        this(environmentId, accessKeyId, payloadMode, payloadHash, signingKey, amzDate, scope, seedSignature, environmentId);
    }

    /**
     * A request without a signature: it may still read and write where an ACL or a bucket policy lets anyone. Its
     * body can be checked against a declared SHA-256 or checksum trailer, never against chunk signatures.
     */
    public static Authenticated anonymous(S3Request request) {
        String declared = request.header("x-amz-content-sha256");
        PayloadMode mode = PayloadMode.of(declared);
        if (mode.signedChunks()) {
            throw S3Error.ACCESS_DENIED.exception("Signed streaming uploads need a signed request.");
        }
        return new Authenticated(null, null, mode, declared, null, null, null, null, null);
    }

    public boolean anonymous() {
        return callerEnvironmentId == null;
    }

    /** The same caller acting on a bucket of {@code ownerEnvironmentId}'s, which access control allowed. */
    public Authenticated actingOn(String ownerEnvironmentId) {
        return new Authenticated(ownerEnvironmentId, accessKeyId, payloadMode, payloadHash, signingKey, amzDate, scope,
                seedSignature, callerEnvironmentId);
    }
}
