package io.mockfactory.storage.s3.payload;

import io.mockfactory.storage.s3.BlockInputStream;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.auth.Authenticated;
import io.mockfactory.storage.s3.auth.AwsChunkedInputStream;
import io.mockfactory.storage.s3.auth.PayloadMode;
import io.mockfactory.storage.s3.auth.SigV4;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An upload's body as it streams into the store, decoded (aws-chunked) and digested on the way: MD5 for the ETag,
 * SHA-256 when the signature covers the payload, and the additional checksum the client declared. {@link #verify()}
 * after the last byte says whether it may be kept.
 */
public final class IncomingPayload extends BlockInputStream {
    private final InputStream in;
    private final AwsChunkedInputStream chunked;
    private final Authenticated auth;
    private final S3Request request;
    private final long declaredLength;
    private final MessageDigest md5 = digest("MD5");
    private final MessageDigest sha256;
    private final boolean checksumHeaders;
    private final ChecksumAlgorithm declared;
    private final ChecksumAlgorithm checksumAlgorithm;
    private final ChecksumAlgorithm.Running checksum;
    private final byte[] expectedMd5;
    private long count;

    /** The size the upload's headers declare (see DeclaredLength), or -1 when they declare none. */
    public long declaredLength() {
        return declaredLength;
    }

    private IncomingPayload(S3Request request, Authenticated auth, ChecksumAlgorithm computeIfUndeclared, boolean checksumHeaders) {
        this.request = request;
        this.auth = auth;
        PayloadMode mode = auth.payloadMode();
        // Before anything reads the body: a refused size never asks the client for it (see RequestBody's 100 Continue)
        declaredLength = DeclaredLength.ofUpload(request, mode);
        if (mode.chunked()) {
            chunked = new AwsChunkedInputStream(new BufferedInputStream(request.body(), 64 * 1024), auth);
            in = chunked;
        } else {
            chunked = null;
            in = request.body();
        }
        sha256 = mode == PayloadMode.SIGNED ? SigV4.sha256() : null;
        this.checksumHeaders = checksumHeaders;
        declared = checksumHeaders ? declaredChecksum(request).orElse(null)
                : ChecksumAlgorithm.fromHeader(request.header("x-amz-trailer")).orElse(null);
        checksumAlgorithm = declared != null ? declared : computeIfUndeclared;
        checksum = checksumAlgorithm == null ? null : checksumAlgorithm.start();
        // A value that is no checksum at all is refused from the headers, before the body is read
        if (declared != null && checksumHeaders && request.header(declared.headerName()) != null
                && declared.decode(request.header(declared.headerName()).strip()) == null) {
            throw S3Error.INVALID_REQUEST.exception("Value for " + declared.headerName() + " header is invalid.");
        }
        expectedMd5 = contentMd5(request);
    }

    public static IncomingPayload open(S3Request request, Authenticated auth) {
        return new IncomingPayload(request, auth, null, true);
    }

    /**
     * The body of a request whose {@code x-amz-checksum-*} headers are about something else (CompleteMultipartUpload:
     * the object's checksum), so only a trailing checksum is the body's.
     */
    public static IncomingPayload openIgnoringChecksumHeaders(S3Request request, Authenticated auth) {
        return new IncomingPayload(request, auth, null, false);
    }

    /**
     * @param computeIfUndeclared the checksum to take when the client declares none (S3 computes a part's checksum
     *                            for an upload of a FULL_OBJECT type); null for none
     */
    public static IncomingPayload open(S3Request request, Authenticated auth, ChecksumAlgorithm computeIfUndeclared) {
        return new IncomingPayload(request, auth, computeIfUndeclared, true);
    }

    /** The checksum the client declared (a header, the trailer it announced, or the SDK's algorithm header), or null. */
    public ChecksumAlgorithm declaredAlgorithm() {
        return declared;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            md5.update(buffer, offset, n);
            if (sha256 != null) {
                sha256.update(buffer, offset, n);
            }
            if (checksum != null) {
                checksum.update(buffer, offset, n);
            }
            count += n;
            if (count > DeclaredLength.MAX_UPLOAD) {
                throw S3Error.ENTITY_TOO_LARGE.exception();
            }
        }
        return n;
    }

    /** Call after the body was read to its end; throws the S3 error that makes the upload void. */
    public Received verify() {
        if (declaredLength != DeclaredLength.UNDECLARED && count != declaredLength) {
            throw S3Error.INCOMPLETE_BODY.exception().with("NumberBytesExpected", String.valueOf(declaredLength))
                    .with("NumberBytesProvided", String.valueOf(count));
        }
        if (sha256 != null && !HexFormat.of().formatHex(sha256.digest()).equalsIgnoreCase(auth.payloadHash())) {
            throw S3Error.X_AMZ_CONTENT_SHA256_MISMATCH.exception().with("ClientComputedContentSHA256", auth.payloadHash());
        }
        byte[] md5Bytes = md5.digest();
        if (expectedMd5 != null && !MessageDigest.isEqual(expectedMd5, md5Bytes)) {
            throw S3Error.BAD_DIGEST.exception("The Content-MD5 you specified did not match what we received.");
        }
        String checksumValue = null;
        if (checksum != null) {
            checksumValue = checksum.base64();
            String expected = checksumHeaders ? request.header(checksumAlgorithm.headerName()) : null;
            if (expected == null && chunked != null) {
                expected = chunked.trailers().get(checksumAlgorithm.headerName());
                if (expected != null && checksumAlgorithm.decode(expected.strip()) == null) {
                    throw S3Error.INVALID_REQUEST.exception("Value for " + checksumAlgorithm.headerName()
                            + " trailing header is invalid.");
                }
            }
            if (expected != null && !expected.strip().equals(checksumValue)) {
                throw S3Error.BAD_DIGEST.exception("The " + checksumAlgorithm.name()
                        + " you specified did not match the calculated checksum.");
            }
        }
        return new Received(count, HexFormat.of().formatHex(md5Bytes), md5Bytes, checksumAlgorithm, checksumValue);
    }

    /** What was received: size, MD5 (hex and raw) and the additional checksum if one was asked for. */
    public record Received(long size, String md5Hex, byte[] md5, ChecksumAlgorithm checksumAlgorithm, String checksum) {
    }

    private static Optional<ChecksumAlgorithm> declaredChecksum(S3Request request) {
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            if (request.header(algorithm.headerName()) != null) {
                return Optional.of(algorithm);
            }
        }
        Optional<ChecksumAlgorithm> trailing = ChecksumAlgorithm.fromHeader(request.header("x-amz-trailer"));
        if (trailing.isPresent()) {
            return trailing;
        }
        return ChecksumAlgorithm.fromName(request.header("x-amz-sdk-checksum-algorithm"));
    }

    private static byte[] contentMd5(S3Request request) {
        String header = request.header("Content-MD5");
        if (header == null) {
            return null;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(header.strip());
            if (decoded.length != 16) {
                throw S3Error.INVALID_DIGEST.exception();
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw S3Error.INVALID_DIGEST.exception();
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
