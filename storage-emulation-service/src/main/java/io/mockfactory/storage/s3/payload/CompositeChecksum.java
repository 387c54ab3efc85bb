package io.mockfactory.storage.s3.payload;

import java.util.List;
import java.util.Optional;

/**
 * S3's COMPOSITE checksum of a multipart object: the algorithm over the concatenated raw checksums of its parts, in
 * part order, base64, then {@code -} and the number of parts ("checksum of checksums"). It depends on how the object
 * was cut, so it is not the checksum of the object's bytes.
 */
public final class CompositeChecksum {
    private CompositeChecksum() {
    }

    /** @param parts each part's checksum in S3's base64 form, in part order; each a valid value of {@code algorithm} */
    public static String of(ChecksumAlgorithm algorithm, List<String> parts) {
        ChecksumAlgorithm.Running running = algorithm.start();
        for (String part : parts) {
            byte[] raw = algorithm.decode(part);
            if (raw == null) {
                throw new IllegalArgumentException("not a " + algorithm + " value: " + part);
            }
            running.update(raw, 0, raw.length);
        }
        return running.base64() + "-" + parts.size();
    }

    /** GetObjectAttributes gives a composite value without its part count, as S3 does. */
    public static String withoutPartCount(String value) {
        int dash = value.indexOf('-');
        return dash < 0 ? value : value.substring(0, dash);
    }

    /**
     * A composite value as a client sends it on CompleteMultipartUpload: the checksum, optionally with {@code -N}.
     *
     * @return the value in S3's full form ({@code -N} added with {@code partCount} when absent); empty when it is not
     * a composite value of {@code algorithm} at all (S3 calls that an invalid header, unlike a mere mismatch)
     */
    public static Optional<String> normalized(ChecksumAlgorithm algorithm, String sent, int partCount) {
        String value = sent.strip();
        int dash = value.indexOf('-');
        String checksum = dash < 0 ? value : value.substring(0, dash);
        String count = dash < 0 ? String.valueOf(partCount) : value.substring(dash + 1);
        if (algorithm.decode(checksum) == null || count.isEmpty() || count.length() > 5 || !count.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(checksum + "-" + Integer.parseInt(count));
    }
}
