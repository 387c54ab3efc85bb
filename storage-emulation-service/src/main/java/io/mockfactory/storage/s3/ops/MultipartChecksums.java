package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.meta.MultipartUpload;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Exception;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.payload.ChecksumAlgorithm;
import io.mockfactory.storage.s3.payload.ChecksumType;
import io.mockfactory.storage.s3.payload.CompositeChecksum;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checksums of a multipart upload as S3 checks them, with S3's own errors (observed on S3 itself by LocalStack's
 * validated tests and others):
 * <ul>
 *   <li>CreateMultipartUpload names an algorithm and a type; CRC32/CRC32C may be either, SHA1/SHA256 only COMPOSITE,
 *   CRC64NVME only FULL_OBJECT. An upload without an algorithm gets S3's default, a CRC64NVME of the whole object;</li>
 *   <li>each part of an upload with an algorithm carries that algorithm's checksum; only FULL_OBJECT lets a part come
 *   without one (S3 computes it);</li>
 *   <li>CompleteMultipartUpload repeats the part checksums (required for COMPOSITE) and may give the object's, which
 *   must match what S3 makes of the parts.</li>
 * </ul>
 */
final class MultipartChecksums {
    private static final String VALID = "[CRC32, CRC32C, CRC64NVME, SHA1, SHA256]";

    private MultipartChecksums() {
    }

    /** An upload's algorithm and type, or none. */
    record Choice(ChecksumAlgorithm algorithm, ChecksumType type) {
        static final Choice NONE = new Choice(null, null);

        static Choice of(MultipartUpload upload) {
            if (upload.checksumAlgorithm() == null) {
                return NONE;
            }
            ChecksumAlgorithm algorithm = ChecksumAlgorithm.valueOf(upload.checksumAlgorithm());
            return new Choice(algorithm, upload.checksumType() == null ? ChecksumType.defaultFor(algorithm)
                    : ChecksumType.valueOf(upload.checksumType()));
        }

        /** What the completed object's checksum is taken with: the upload's, else S3's default. */
        ChecksumAlgorithm objectAlgorithm() {
            return algorithm == null ? ChecksumAlgorithm.CRC64NVME : algorithm;
        }

        ChecksumType objectType() {
            return type == null ? ChecksumType.FULL_OBJECT : type;
        }

        /** How S3 names the mode in its messages; an upload without an algorithm has the "null" mode. */
        String mode() {
            return type == null ? "null" : type.name();
        }
    }

    /** CreateMultipartUpload's {@code x-amz-checksum-algorithm} and {@code x-amz-checksum-type}. */
    static Choice forCreate(S3Request request) {
        String named = request.header("x-amz-checksum-algorithm");
        ChecksumAlgorithm algorithm = named == null ? null : ChecksumAlgorithm.fromName(named).orElseThrow(() ->
                S3Error.INVALID_REQUEST.exception("Checksum algorithm provided is unsupported. Please try again with any of"
                        + " the valid types: " + VALID));
        ChecksumType type = ChecksumType.fromHeader(request.header(ChecksumType.HEADER));
        if (algorithm == null) {
            if (type != null) {
                throw S3Error.INVALID_REQUEST.exception("The x-amz-checksum-type header can only be used with the"
                        + " x-amz-checksum-algorithm header.");
            }
            return Choice.NONE;
        }
        ChecksumType chosen = type == null ? ChecksumType.defaultFor(algorithm) : type;
        if (!chosen.supports(algorithm)) {
            throw S3Error.INVALID_REQUEST.exception("The " + chosen + " checksum type cannot be used with the "
                    + algorithm.lowerName() + " checksum algorithm.");
        }
        return new Choice(algorithm, chosen);
    }

    /** What S3 computes for a part sent without a checksum: the upload's algorithm when it is of a FULL_OBJECT type. */
    static ChecksumAlgorithm computedForPart(Choice upload) {
        return upload.type() == ChecksumType.FULL_OBJECT ? upload.algorithm() : null;
    }

    /**
     * Before a part's body is read: its checksum must be the upload's algorithm. Without one it is refused for a
     * COMPOSITE upload (a composite is made of the parts' checksums as the client computed them) and computed for a
     * FULL_OBJECT one ({@link #computedForPart}). An upload without an algorithm takes parts with any checksum.
     *
     * @param declared what the part's request declares, or null
     */
    static void checkDeclared(Choice upload, ChecksumAlgorithm declared) {
        if (upload.algorithm() == null || declared == upload.algorithm()) {
            return;
        }
        if (declared != null || upload.type() == ChecksumType.COMPOSITE) {
            throw S3Error.INVALID_REQUEST.exception("Checksum Type mismatch occurred, expected checksum Type: "
                    + upload.algorithm().lowerName() + ", actual checksum Type: "
                    + (declared == null ? "null" : declared.lowerName()));
        }
    }

    /** The checksum a CompleteMultipartUpload gives for the object, checked for form but not yet against the parts. */
    record Expected(ChecksumAlgorithm algorithm, String value) {
    }

    /**
     * CompleteMultipartUpload's headers: {@code x-amz-checksum-type} must repeat the upload's mode, and at most one
     * {@code x-amz-checksum-*} gives the object's checksum (ignored for an upload without an algorithm, as S3 does).
     *
     * @return the object's checksum the client expects, if it gave one that has to be checked
     */
    static Optional<Expected> completeHeaders(S3Request request, Choice upload) {
        ChecksumType type = ChecksumType.fromHeader(request.header(ChecksumType.HEADER));
        if (type != null && type != upload.type()) {
            throw S3Error.INVALID_REQUEST.exception("The upload was created using the " + upload.mode()
                    + " checksum mode. The complete request must use the same checksum mode.");
        }
        List<ChecksumAlgorithm> sent = new ArrayList<>();
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            if (request.header(algorithm.headerName()) != null) {
                sent.add(algorithm);
            }
        }
        if (sent.size() > 1) {
            throw S3Error.INVALID_REQUEST.exception("Expecting a single x-amz-checksum- header. Multiple checksum Types are"
                    + " not allowed.");
        }
        if (sent.isEmpty() || upload.algorithm() == null) {
            return Optional.empty();
        }
        ChecksumAlgorithm algorithm = sent.get(0);
        String value = request.header(algorithm.headerName()).strip();
        boolean wellFormed = upload.type() == ChecksumType.COMPOSITE && algorithm == upload.algorithm()
                ? CompositeChecksum.normalized(algorithm, value, 1).isPresent() : algorithm.decode(value) != null;
        if (!wellFormed) {
            throw S3Error.INVALID_REQUEST.exception("Value for " + algorithm.headerName() + " header is invalid.");
        }
        // S3 takes a FULL_OBJECT checksum only with the type said again, and one of another algorithm never matches
        if (algorithm != upload.algorithm() || (upload.type() == ChecksumType.FULL_OBJECT && type == null)) {
            throw objectMismatch(upload.algorithm());
        }
        return Optional.of(new Expected(algorithm, value));
    }

    /**
     * A part as the CompleteMultipartUpload lists it against the part that was uploaded.
     *
     * @param sent   the checksum the document gives for the part, if any (the document allows one at most)
     * @param stored the checksum kept with the uploaded part
     * @return whether the part's checksum matches; a mismatch is InvalidPart unless the object's checksum is
     * found wrong first, so the caller decides when to say so
     */
    static boolean checkPart(Choice upload, int partNumber, Optional<CompletionDocument.SentChecksum> sent, String stored) {
        if (upload.algorithm() == null) {
            // An upload without an algorithm keeps no part checksums to compare with: S3 calls any given a wrong part
            return sent.isEmpty();
        }
        if (sent.isEmpty()) {
            if (upload.type() == ChecksumType.COMPOSITE) {
                throw S3Error.INVALID_REQUEST.exception("The upload was created using a " + upload.algorithm().lowerName()
                        + " checksum. The complete request must include the checksum for each part. It was missing for"
                        + " part " + partNumber + " in the request.");
            }
            return true;
        }
        if (sent.get().algorithm() != upload.algorithm()) {
            throw S3Error.BAD_DIGEST.exception("The " + sent.get().algorithm().lowerName() + " you specified for part "
                    + partNumber + " did not match what we received.");
        }
        return sent.get().value().equals(stored);
    }

    /** The composite the client's own part checksums make must be the one it says the object has. */
    static void checkComposite(Choice upload, Optional<Expected> expected, List<String> partChecksums) {
        if (expected.isEmpty() || upload.type() != ChecksumType.COMPOSITE) {
            return;
        }
        String computed = CompositeChecksum.of(upload.algorithm(), partChecksums);
        String sent = CompositeChecksum.normalized(upload.algorithm(), expected.get().value(), partChecksums.size()).orElseThrow();
        if (!sent.equals(computed)) {
            throw objectMismatch(upload.algorithm());
        }
    }

    /** A FULL_OBJECT checksum the client gave against the one of the assembled bytes. */
    static void checkFullObject(Choice upload, Optional<Expected> expected, String computed) {
        if (expected.isPresent() && upload.type() == ChecksumType.FULL_OBJECT && !expected.get().value().equals(computed)) {
            throw objectMismatch(upload.algorithm());
        }
    }

    private static S3Exception objectMismatch(ChecksumAlgorithm algorithm) {
        return S3Error.BAD_DIGEST.exception("The " + algorithm.lowerName() + " you specified did not match the calculated"
                + " checksum.");
    }
}
