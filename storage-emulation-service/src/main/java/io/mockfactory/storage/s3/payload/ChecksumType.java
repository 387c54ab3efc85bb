package io.mockfactory.storage.s3.payload;

import io.mockfactory.storage.s3.S3Error;

import java.util.Locale;

/**
 * How the checksum of an object relates to its bytes ({@code x-amz-checksum-type}): FULL_OBJECT is the checksum of
 * every byte (a single PUT always, a multipart upload when asked, or by default for CRC64NVME); COMPOSITE is the
 * checksum of the parts' checksums followed by {@code -N}, which only a multipart upload makes.
 */
public enum ChecksumType {
    COMPOSITE, FULL_OBJECT;

    public static final String HEADER = "x-amz-checksum-type";

    /** What CreateMultipartUpload gives an algorithm sent without a type: CRC64NVME has no composite form. */
    public static ChecksumType defaultFor(ChecksumAlgorithm algorithm) {
        return algorithm == ChecksumAlgorithm.CRC64NVME ? FULL_OBJECT : COMPOSITE;
    }

    /** SHA digests cannot be combined over the object's parts, and S3 offers no composite CRC64NVME. */
    public boolean supports(ChecksumAlgorithm algorithm) {
        return this == FULL_OBJECT ? algorithm.isCrc() : algorithm != ChecksumAlgorithm.CRC64NVME;
    }

    /** @return the header's type, null when absent; an unknown value is refused as S3 refuses it */
    public static ChecksumType fromHeader(String value) {
        if (value == null) {
            return null;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw S3Error.INVALID_REQUEST.exception("Value for " + HEADER + " header is invalid.");
        }
    }

    /** A stored type; objects written before types were kept have none, and a "-N" value is composite. */
    public static ChecksumType ofStored(String type, String value) {
        if (type != null) {
            return valueOf(type);
        }
        return value != null && value.contains("-") ? COMPOSITE : FULL_OBJECT;
    }
}
