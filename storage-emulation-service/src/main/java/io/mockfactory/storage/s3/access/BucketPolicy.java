package io.mockfactory.storage.s3.access;

import io.mockfactory.storage.s3.S3Error;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A bucket's policy: the document exactly as PutBucketPolicy received it (GetBucketPolicy answers that text) and its
 * validated statements. {@link #parse} refuses, with S3's MalformedPolicy messages, what S3 refuses.
 */
public final class BucketPolicy {
    /** S3's limit on a bucket policy, in bytes. */
    public static final int MAX_BYTES = 20 * 1024;
    static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");

    private final String text;
    private final String version;
    private final String id;
    private final List<Statement> statements;

    BucketPolicy(String text, String version, String id, List<Statement> statements) {
        this.text = text;
        this.version = version;
        this.id = id;
        this.statements = List.copyOf(statements);
    }

    /**
     * Validates a PutBucketPolicy document for this bucket (its resources must be this bucket or its objects). Stored
     * policies are parsed again the same way when evaluated; they were valid when stored, so that cannot fail.
     *
     * @throws io.mockfactory.storage.s3.S3Exception MalformedPolicy
     */
    public static BucketPolicy parse(String text, String bucket) {
        return PolicyParser.parse(text, bucket);
    }

    /** As {@link #parse(String, String)}, from the request body (which must be UTF-8). */
    public static BucketPolicy parse(byte[] body, String bucket) {
        if (body.length > MAX_BYTES) {
            throw S3Error.MALFORMED_POLICY.exception("Policy exceeds the maximum allowed document size.");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            return parse(text, bucket);
        } catch (CharacterCodingException e) {
            throw S3Error.MALFORMED_POLICY.exception(PolicyParser.NOT_JSON);
        }
    }

    public String text() {
        return text;
    }

    /** The Version element, null when the document has none (S3 then reads it as 2008-10-17). */
    public String version() {
        return version;
    }

    public String id() {
        return id;
    }

    public List<Statement> statements() {
        return statements;
    }
}
