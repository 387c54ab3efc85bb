package io.mockfactory.storage.s3.auth;

import io.mockfactory.storage.s3.S3Request;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Signs raw requests (SigV4, Authorization header) the way the server canonicalises them, so that tests sending
 * arbitrary paths, queries and bodies over a socket get past authentication to the code behind it. The signed
 * headers are Host, x-amz-date, x-amz-content-sha256 and any other given here; headers added to the raw request
 * afterwards are simply unsigned.
 */
public final class TestSigner {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String accessKeyId;
    private final String secret;
    private final String region;

    public TestSigner(String accessKeyId, String secret, String region) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        this.region = region;
    }

    /** A signed request head: its header lines in order, and what chunk signatures continue from. */
    public record Signed(List<Map.Entry<String, String>> headers, String seedSignature, String amzDate, String scope,
                         byte[] signingKey) {
        public String chunkSignature(String previous, byte[] chunk) {
            return SigV4.signature(signingKey, "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                    + SigV4.EMPTY_SHA256 + "\n" + HexFormat.of().formatHex(SigV4.sha256().digest(chunk)));
        }

        public String trailerSignature(String previous, String trailerLines) {
            return SigV4.signature(signingKey, "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                    + SigV4.sha256Hex(trailerLines));
        }

        /** The head as bytes on the wire, ISO-8859-1 as HTTP/1.1 carries them, ending with the empty line. */
        public String head(String method, String uri, List<Map.Entry<String, String>> unsigned) {
            StringBuilder out = new StringBuilder(method).append(' ').append(uri).append(" HTTP/1.1\r\n");
            for (Map.Entry<String, String> header : headers) {
                out.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
            for (Map.Entry<String, String> header : unsigned) {
                out.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
            return out.append("\r\n").toString();
        }
    }

    /** @param extra headers to sign too (Range, Content-Length, x-amz-decoded-content-length, …), as sent */
    public Signed sign(String method, String uri, String host, String payloadHash, List<Map.Entry<String, String>> extra) {
        String amzDate = AMZ_DATE.format(Instant.now());
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Host", host));
        headers.add(Map.entry("x-amz-date", amzDate));
        headers.add(Map.entry("x-amz-content-sha256", payloadHash));
        headers.addAll(extra);
        HttpHeaders asReceived = DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> header : headers) {
            // As the server's decoder gives them: the value without surrounding whitespace
            asReceived.add(header.getKey(), header.getValue().strip());
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        names.sort(null);
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + region + "/s3/aws4_request";
        byte[] key = SigV4.signingKey(secret, date, region, "s3");
        S3Request request = new S3Request(method, uri, asReceived, InputStream.nullInputStream(), "signing");
        String canonical = CanonicalRequest.of(request, CanonicalRequest.reencodedPath(request), names, payloadHash, null);
        String signature = SigV4.signature(key, SigV4.ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + SigV4.sha256Hex(canonical));
        headers.add(Map.entry("Authorization", SigV4.ALGORITHM + " Credential=" + accessKeyId + "/" + scope
                + ",SignedHeaders=" + String.join(";", names) + ",Signature=" + signature));
        return new Signed(headers, signature, amzDate, scope, key);
    }

    public static String sha256Hex(byte[] body) {
        return HexFormat.of().formatHex(SigV4.sha256().digest(body));
    }

    public static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
