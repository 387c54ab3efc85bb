package io.mockfactory.storage.s3.auth;

/**
 * A request whose signature checked out: whose environment it acts for, and what streaming chunk signatures must
 * continue from (the seed signature, the signing key and the scope).
 */
public record Authenticated(String environmentId, String accessKeyId, PayloadMode payloadMode, String payloadHash,
                            byte[] signingKey, String amzDate, String scope, String seedSignature) {
}
