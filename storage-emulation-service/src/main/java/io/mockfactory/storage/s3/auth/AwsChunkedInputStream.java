package io.mockfactory.storage.s3.auth;

import io.mockfactory.storage.s3.BlockInputStream;
import io.mockfactory.storage.s3.S3Error;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes an {@code aws-chunked} body as it streams: {@code <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n} … a zero
 * chunk, then trailing headers (checksums) for the trailer variants. With {@link PayloadMode#signedChunks()} each chunk's
 * signature is checked against the chain that starts at the request's own signature, before the next chunk is read;
 * a signed trailer is checked too. A mismatch fails the read, so the upload is never stored.
 */
public final class AwsChunkedInputStream extends BlockInputStream {
    private static final int MAX_LINE = 4096;
    private static final HexFormat HEX = HexFormat.of();

    private final InputStream in;
    private final Authenticated auth;
    private final boolean signed;
    private final boolean trailer;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private MessageDigest chunkDigest;
    private String previousSignature;
    private String chunkSignature;
    private long remainingInChunk;
    private boolean finished;
    private long decodedBytes;

    public AwsChunkedInputStream(InputStream in, Authenticated auth) {
        this.in = in;
        this.auth = auth;
        this.signed = auth.payloadMode().signedChunks();
        this.trailer = auth.payloadMode() == PayloadMode.STREAMING_SIGNED_TRAILER
                || auth.payloadMode() == PayloadMode.STREAMING_UNSIGNED_TRAILER;
        this.previousSignature = auth.seedSignature();
        this.chunkDigest = SigV4.sha256();
    }

    /** Trailing headers, lower-case names; complete once the stream returned -1. */
    public Map<String, String> trailers() {
        return trailers;
    }

    public long decodedBytes() {
        return decodedBytes;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (remainingInChunk == 0) {
            if (finished) {
                return -1;
            }
            startChunk();
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remainingInChunk));
        if (n == -1) {
            throw S3Error.INCOMPLETE_BODY.exception("The aws-chunked body ended inside a chunk.");
        }
        if (signed) {
            chunkDigest.update(buffer, offset, n);
        }
        remainingInChunk -= n;
        decodedBytes += n;
        if (remainingInChunk == 0) {
            expectLineEnd();
            verifyChunk();
        }
        return n;
    }

    private void startChunk() throws IOException {
        String header = readLine();
        int semicolon = header.indexOf(';');
        String sizeText = (semicolon < 0 ? header : header.substring(0, semicolon)).strip();
        long size;
        try {
            size = Long.parseLong(sizeText, 16);
        } catch (NumberFormatException e) {
            throw S3Error.INVALID_REQUEST.exception("The aws-chunked body has a malformed chunk header.");
        }
        if (size < 0) {
            throw S3Error.INVALID_REQUEST.exception("The aws-chunked body has a negative chunk size.");
        }
        chunkSignature = null;
        if (semicolon >= 0) {
            for (String extension : header.substring(semicolon + 1).split(";")) {
                if (extension.startsWith("chunk-signature=")) {
                    chunkSignature = extension.substring("chunk-signature=".length()).strip();
                }
            }
        }
        if (signed && chunkSignature == null) {
            throw S3Error.SIGNATURE_DOES_NOT_MATCH.exception("A chunk of a signed aws-chunked upload carries no signature.");
        }
        chunkDigest = signed ? SigV4.sha256() : chunkDigest;
        if (size == 0) {
            verifyChunk();
            finished = true;
            readTrailer();
            return;
        }
        remainingInChunk = size;
    }

    private void verifyChunk() {
        if (!signed) {
            return;
        }
        String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + auth.amzDate() + "\n" + auth.scope() + "\n" + previousSignature
                + "\n" + SigV4.EMPTY_SHA256 + "\n" + HEX.formatHex(chunkDigest.digest());
        String expected = SigV4.signature(auth.signingKey(), stringToSign);
        if (!SigV4.same(expected, chunkSignature)) {
            throw S3Error.SIGNATURE_DOES_NOT_MATCH.exception("A chunk signature of the aws-chunked upload does not match.");
        }
        previousSignature = chunkSignature;
    }

    private void readTrailer() throws IOException {
        StringBuilder signedPart = new StringBuilder();
        String trailerSignature = null;
        while (true) {
            String line = readLineOrEnd();
            if (line == null || line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw S3Error.INVALID_REQUEST.exception("The aws-chunked trailer is malformed.");
            }
            String name = line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if ("x-amz-trailer-signature".equals(name)) {
                trailerSignature = value;
            } else {
                trailers.put(name, value);
                signedPart.append(name).append(':').append(value).append('\n');
            }
        }
        if (signed && trailer) {
            String stringToSign = "AWS4-HMAC-SHA256-TRAILER\n" + auth.amzDate() + "\n" + auth.scope() + "\n"
                    + previousSignature + "\n" + SigV4.sha256Hex(signedPart.toString());
            if (!SigV4.same(SigV4.signature(auth.signingKey(), stringToSign), trailerSignature)) {
                throw S3Error.SIGNATURE_DOES_NOT_MATCH.exception("The trailer signature of the aws-chunked upload does not match.");
            }
        }
    }

    private void expectLineEnd() throws IOException {
        int cr = in.read();
        int lf = in.read();
        if (cr != '\r' || lf != '\n') {
            throw S3Error.INCOMPLETE_BODY.exception("An aws-chunked chunk is longer than its declared size.");
        }
    }

    private String readLine() throws IOException {
        String line = readLineOrEnd();
        if (line == null) {
            throw S3Error.INCOMPLETE_BODY.exception("The aws-chunked body ended before its last chunk.");
        }
        return line;
    }

    /** @return the next CRLF-terminated line without the terminator, or null at the end of the stream */
    private String readLineOrEnd() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b == -1) {
                return line.size() == 0 && previous == -1 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n' && previous == '\r') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
            if (line.size() > MAX_LINE) {
                throw S3Error.INVALID_REQUEST.exception("An aws-chunked header line is too long.");
            }
        }
    }
}
