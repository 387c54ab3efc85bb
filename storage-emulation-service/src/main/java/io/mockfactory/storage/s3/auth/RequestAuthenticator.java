package io.mockfactory.storage.s3.auth;

import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Request;

import java.time.Clock;

/**
 * Picks the signature scheme a request uses (SigV4 header or query, legacy V2 header or query). A request with no
 * signature at all is anonymous: access control then allows it only where an ACL or a bucket policy grants anyone.
 */
public final class RequestAuthenticator {
    private final SigV4Verifier v4;
    private final SigV2Verifier v2;

    public RequestAuthenticator(AccessKeyDirectory keys, Clock clock) {
        this.v4 = new SigV4Verifier(keys, clock);
        this.v2 = new SigV2Verifier(keys, clock);
    }

    /** @param virtualHostBucket the bucket named by the Host header, which V2 signs as part of the resource */
    public Authenticated verify(S3Request request, String virtualHostBucket) {
        String authorization = request.header("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            String value = authorization.strip();
            if (value.startsWith("AWS ")) {
                return v2.verifyHeader(request, value, virtualHostBucket);
            }
            if (value.startsWith(SigV4.ALGORITHM + " ")) {
                return v4.verifyHeader(request, value);
            }
            throw S3Error.INVALID_ARGUMENT.exception("Unsupported Authorization Type").with("ArgumentName", "Authorization");
        }
        if (request.hasParam("X-Amz-Credential") || request.hasParam("X-Amz-Signature")) {
            return v4.verifyPresigned(request);
        }
        if (request.hasParam("AWSAccessKeyId") || request.hasParam("Signature")) {
            return v2.verifyQuery(request, virtualHostBucket);
        }
        return Authenticated.anonymous(request);
    }
}
