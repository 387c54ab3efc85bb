package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.meta.ObjectPart;
import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.mockfactory.storage.s3.payload.ChecksumAlgorithm;
import io.mockfactory.storage.s3.payload.ChecksumType;

import java.util.List;
import java.util.Optional;

/**
 * GET and HEAD of one part ({@code ?partNumber=N}) and the checksum headers of a read, as S3 answers them: a part is
 * a 206 with its bytes, {@code Content-Range} in the whole object and {@code x-amz-mp-parts-count}, under the ETag of
 * the whole object. N counts the object's parts in order (1 to the count S3 reports), which is how download managers
 * walk them. An object that is not multipart is one part: partNumber=1 is all of it, still a 206.
 */
final class PartReads {
    private static final int MAX_PART_NUMBER = 10_000;

    private PartReads() {
    }

    /**
     * @param first     the part's first byte in the object
     * @param partsCount the object's parts, null for an object that is not multipart (S3 then sends no count)
     * @param part      the part read, null for an object that is not multipart
     */
    record Part(long first, long length, Integer partsCount, ObjectPart part) {
        ByteRange range() {
            return new ByteRange(first, first + length - 1);
        }
    }

    /** The part a request asks for, if it names one; refused when the request also has a Range or the part is none. */
    static Optional<Part> requested(S3Request request, StoredObject object) {
        String value = request.param("partNumber");
        if (value == null) {
            return Optional.empty();
        }
        int number = number(value);
        if (request.header("Range") != null) {
            throw S3Error.INVALID_REQUEST.exception("Cannot specify both Range header and partNumber query parameter");
        }
        // Objects completed before their parts were kept have none listed: they read as one part, like a PUT's
        List<ObjectPart> parts = object.parts();
        int count = parts.isEmpty() ? 1 : parts.size();
        if (number > count) {
            throw S3Error.INVALID_PART_NUMBER.exception().with("PartNumberRequested", String.valueOf(number))
                    .with("ActualPartCount", String.valueOf(count));
        }
        if (parts.isEmpty()) {
            return Optional.of(new Part(0, object.size(), null, null));
        }
        long first = 0;
        for (int i = 0; i < number - 1; i++) {
            first += parts.get(i).size();
        }
        return Optional.of(new Part(first, parts.get(number - 1).size(), parts.size(), parts.get(number - 1)));
    }

    private static int number(String value) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1 && number <= MAX_PART_NUMBER) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw S3Error.INVALID_ARGUMENT.exception("Part number must be an integer between 1 and 10000, inclusive")
                .with("ArgumentName", "partNumber").with("ArgumentValue", value);
    }

    /**
     * {@code x-amz-checksum-<algorithm>} and {@code x-amz-checksum-type}, only with {@code x-amz-checksum-mode: ENABLED}
     * and only for bytes the checksum is of: the whole object, or a part of a COMPOSITE object (its own checksum). A
     * part of a FULL_OBJECT multipart object, or a range, has none, unless it is the whole object.
     *
     * @param length the bytes the answer carries
     */
    static void checksumHeaders(S3Response response, StoredObject object, S3Request request, long length, Optional<Part> part) {
        Optional<ChecksumAlgorithm> algorithm = ObjectChecksums.algorithm(object);
        if (algorithm.isEmpty() || !"ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode"))) {
            return;
        }
        ChecksumType type = ObjectChecksums.type(object).orElseThrow();
        String value = null;
        if (part.isPresent() && part.get().part() != null && type == ChecksumType.COMPOSITE) {
            value = part.get().part().checksum();
        } else if (length == object.size()) {
            value = object.checksum();
        }
        if (value != null) {
            response.header(algorithm.get().headerName(), value).header(ChecksumType.HEADER, type.name());
        }
    }
}
