package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Request;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** HTTP conditional requests as S3 evaluates them (RFC 9110 order: If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since). */
final class Preconditions {
    private Preconditions() {
    }

    /** For GET and HEAD: 412 or 304 when a condition fails. */
    static void checkRead(S3Request request, StoredObject object) {
        check(object, request.header("If-Match"), request.header("If-Unmodified-Since"), request.header("If-None-Match"),
                request.header("If-Modified-Since"), true);
    }

    /** For the source of a copy: every failed condition is a 412. */
    static void checkCopySource(S3Request request, StoredObject source) {
        check(source, request.header("x-amz-copy-source-if-match"), request.header("x-amz-copy-source-if-unmodified-since"),
                request.header("x-amz-copy-source-if-none-match"), request.header("x-amz-copy-source-if-modified-since"), false);
    }

    static boolean isConditionalWrite(S3Request request) {
        return request.header("If-None-Match") != null || request.header("If-Match") != null;
    }

    /** Conditional writes: If-None-Match: * (create only) and If-Match (replace only that version). */
    static void checkWrite(S3Request request, StoredObject current) {
        String ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null && current != null && (ifNoneMatch.strip().equals("*") || matches(ifNoneMatch, current.etag()))) {
            throw S3Error.PRECONDITION_FAILED.exception().with("Condition", "If-None-Match");
        }
        String ifMatch = request.header("If-Match");
        if (ifMatch != null && (current == null || !matches(ifMatch, current.etag()))) {
            if (current == null) {
                throw S3Error.NO_SUCH_KEY.exception().with("Key", request.key());
            }
            throw S3Error.PRECONDITION_FAILED.exception().with("Condition", "If-Match");
        }
    }

    private static void check(StoredObject object, String ifMatch, String ifUnmodifiedSince, String ifNoneMatch,
                              String ifModifiedSince, boolean notModifiedAllowed) {
        Instant modified = object.lastModified().truncatedTo(ChronoUnit.SECONDS);
        if (ifMatch != null) {
            if (!matches(ifMatch, object.etag())) {
                throw S3Error.PRECONDITION_FAILED.exception().with("Condition", "If-Match");
            }
        } else if (ifUnmodifiedSince != null) {
            Instant since = date(ifUnmodifiedSince);
            if (since != null && modified.isAfter(since)) {
                throw S3Error.PRECONDITION_FAILED.exception().with("Condition", "If-Unmodified-Since");
            }
        }
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, object.etag())) {
                throw notModified(object, notModifiedAllowed, "If-None-Match");
            }
        } else if (ifModifiedSince != null) {
            Instant since = date(ifModifiedSince);
            if (since != null && !modified.isAfter(since)) {
                throw notModified(object, notModifiedAllowed, "If-Modified-Since");
            }
        }
    }

    private static RuntimeException notModified(StoredObject object, boolean notModifiedAllowed, String condition) {
        if (!notModifiedAllowed) {
            return S3Error.PRECONDITION_FAILED.exception().with("Condition", condition);
        }
        return S3Error.NOT_MODIFIED.exception()
                .withHeader("ETag", ObjectHeaders.quoted(object.etag()))
                .withHeader("Last-Modified", ObjectHeaders.HTTP_DATE.format(object.lastModified()));
    }

    /** An entity-tag list ({@code "a", "b"} or {@code *}), quotes and weak markers ignored as S3 does. */
    static boolean matches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            tag = tag.replace("\"", "");
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** An unparseable date makes the condition absent, as S3 (and HTTP) treat it. */
    private static Instant date(String value) {
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
