package io.mockfactory.storage;

import io.mockfactory.storage.s3.auth.TestSigner;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The fuzzer's generator: from a case's own seeded {@link Random}, one raw request aimed at the S3 request path.
 * Most are signed with the test environment's real key (so they get past authentication to ranges, sub-resources,
 * uploads and aws-chunked decoding) and carry something odd; some are plain garbage. Each case is reproducible from
 * the run's seed and its index alone.
 */
final class S3FuzzCases {
    /** What the case is about, for the report. */
    enum Kind { RANGE, QUERY, HEADERS, PATH, AWS_CHUNKED, SHORT_BODY, TOO_LARGE, GARBAGE, AUTH }

    /** One request: the bytes to send, as one write, and the method the answer is for (HEAD has no body). */
    record FuzzCase(int index, Kind kind, String method, byte[] bytes) {
        String preview() {
            String text = new String(bytes, 0, Math.min(bytes.length, 400), StandardCharsets.ISO_8859_1);
            StringBuilder out = new StringBuilder();
            for (char c : text.toCharArray()) {
                out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
            }
            return out.toString();
        }
    }

    private static final Kind[] WEIGHTED = weighted(Map.of(Kind.RANGE, 20, Kind.QUERY, 18, Kind.HEADERS, 15, Kind.PATH, 10,
            Kind.AWS_CHUNKED, 15, Kind.SHORT_BODY, 6, Kind.TOO_LARGE, 6, Kind.GARBAGE, 5, Kind.AUTH, 5));
    private static final String[] SUB_RESOURCES = {"acl", "policy", "cors", "lifecycle", "tagging", "versioning", "location",
            "uploads", "uploadId", "partNumber", "list-type", "max-keys", "prefix", "delimiter", "marker", "continuation-token",
            "start-after", "encoding-type", "fetch-owner", "max-uploads", "key-marker", "upload-id-marker", "max-parts",
            "part-number-marker", "delete", "versionId", "versions", "response-content-type", "response-cache-control", "x-id",
            "attributes", "select", "restore", "X-Amz-Signature", "AWSAccessKeyId"};
    private static final String[] ODD_VALUES = {"", "1", "2", "-1", "0", "1001", "99999999999", "9223372036854775808", "abc",
            "%zz", "%", "%0", "%00", "a+b", "%e9", "%c3%a9", "%ff%fe", "%c0%af", "%ed%a0%80", "/", "..", "%2F..%2F", "a=b", "&", "?",
            "AAAA", "true", "url", "STANDARD", "*",
            "%0a", "%0d%0aX-Injected:%20yes", "%20lead", "%09", "%7f", "a%00b"};
    private static final String[] METHODS = {"GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS", "PATCH", "TRACE", "BREW", "get"};
    private static final long FIVE_GIB = 5L * 1024 * 1024 * 1024;

    private final TestSigner signer;
    private final String host;
    private final String bucket;
    private final String uploadId;

    /** @param uploadId a real multipart upload of the bucket's key {@code fuzz/part}, for parts and copies */
    S3FuzzCases(TestSigner signer, String host, String bucket, String uploadId) {
        this.signer = signer;
        this.host = host;
        this.bucket = bucket;
        this.uploadId = uploadId;
    }

    FuzzCase generate(int index, Random random) {
        Kind kind = WEIGHTED[random.nextInt(WEIGHTED.length)];
        return switch (kind) {
            case RANGE -> range(index, random);
            case QUERY -> query(index, random);
            case HEADERS -> headers(index, random);
            case PATH -> path(index, random);
            case AWS_CHUNKED -> awsChunked(index, random);
            case SHORT_BODY -> shortBody(index, random);
            case TOO_LARGE -> tooLarge(index, random);
            case GARBAGE -> garbage(index, random);
            case AUTH -> auth(index, random);
        };
    }

    private FuzzCase range(int index, Random random) {
        String header = rangeHeader(random);
        if (random.nextInt(5) == 0) {
            // The same grammar in UploadPartCopy's x-amz-copy-source-range
            String uri = "/" + bucket + "/fuzz/part?partNumber=" + (1 + random.nextInt(3)) + "&uploadId=" + uploadId;
            return signed(index, Kind.RANGE, "PUT", uri, List.of(Map.entry("x-amz-copy-source", "/" + bucket + "/stable/digits"),
                    Map.entry("x-amz-copy-source-range", header)), new byte[0]);
        }
        String method = random.nextInt(4) == 0 ? "HEAD" : "GET";
        String key = pick(random, "stable/digits", "stable/empty", "stable/digits", fuzzKey(random));
        return signed(index, Kind.RANGE, method, "/" + bucket + "/" + key, List.of(Map.entry("Range", header)), new byte[0]);
    }

    private static String rangeHeader(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> "bytes=" + position(random) + "-" + position(random);
            case 1 -> "bytes=-" + position(random);
            case 2 -> "bytes=" + position(random) + "-";
            case 3 -> "bytes=" + position(random) + "-" + position(random) + "," + position(random) + "-" + position(random);
            case 4 -> "bytes=" + pick(random, "-", "+", "--", "") + position(random) + "-" + pick(random, "-", "+", "--", "")
                    + position(random);
            default -> {
                StringBuilder junk = new StringBuilder();
                for (int i = random.nextInt(8); i >= 0; i--) {
                    junk.append(pick(random, "bytes", "BYTES", "=", "-", "--", "+", ",", " ", "\t", ";", "items", "x", "\u00e9",
                            "0", "5", position(random)));
                }
                yield junk.toString();
            }
        };
    }

    private static String position(Random random) {
        return pick(random, "0", "1", "2", "5", "9", "10", "11", "100", "007", "", "-1",
                String.valueOf(random.nextInt(20)), String.valueOf(Math.abs(random.nextLong())), String.valueOf(Long.MAX_VALUE),
                "9223372036854775808", "99999999999999999999", "0x10", "1e3");
    }

    private FuzzCase query(int index, Random random) {
        String method = pick(random, "GET", "GET", "HEAD", "PUT", "POST", "DELETE");
        String target = random.nextBoolean() ? "/" + bucket : "/" + bucket + "/" + fuzzKey(random);
        StringBuilder query = new StringBuilder();
        for (int i = random.nextInt(5); i >= 0; i--) {
            if (!query.isEmpty()) {
                query.append(pick(random, "&", "&", "&&", ";"));
            }
            query.append(random.nextInt(10) == 0 ? oddText(random, 12) : pick(random, SUB_RESOURCES));
            if (random.nextInt(4) != 0) {
                query.append('=').append(random.nextInt(8) == 0 ? "x".repeat(1 + random.nextInt(6000)) : pick(random, ODD_VALUES));
            }
        }
        byte[] body = "PUT".equals(method) || "POST".equals(method) ? documentBody(random) : new byte[0];
        return signed(index, Kind.QUERY, method, target + "?" + query, List.of(Map.entry("Content-Length", String.valueOf(body.length))), body);
    }

    /** Small bodies the bucket-level and multipart operations parse: sometimes valid XML, often not. */
    private byte[] documentBody(Random random) {
        String text = switch (random.nextInt(6)) {
            case 0 -> "<Delete><Object><Key>" + fuzzKey(random) + "</Key></Object><Quiet>true</Quiet></Delete>";
            case 1 -> "<CompleteMultipartUpload><Part><PartNumber>" + pick(random, ODD_VALUES) + "</PartNumber><ETag>\"x\"</ETag>"
                    + "</Part></CompleteMultipartUpload>";
            case 2 -> "<CreateBucketConfiguration><LocationConstraint>" + pick(random, "eu-west-1", "", "%00", "x".repeat(300), "a&#10;b",
                    " eu-west-1 ", "&#1;", "EU")
                    + "</LocationConstraint></CreateBucketConfiguration>";
            case 3 -> "<!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Delete><Object><Key>&e;</Key></Object></Delete>";
            case 4 -> "<a>".repeat(200) + "</a>".repeat(random.nextInt(200));
            default -> oddText(random, 64);
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private FuzzCase headers(int index, Random random) {
        boolean put = random.nextBoolean();
        byte[] body = put ? bytes(random, random.nextInt(64)) : new byte[0];
        List<Map.Entry<String, String>> odd = new ArrayList<>();
        for (int i = random.nextInt(4); i >= 0; i--) {
            odd.add(oddHeader(random));
        }
        if (put) {
            odd.add(Map.entry("Content-Length", String.valueOf(body.length)));
        }
        String key = random.nextInt(3) == 0 ? "stable/digits" : fuzzKey(random);
        String method = put ? "PUT" : pick(random, "GET", "HEAD");
        if (put && key.startsWith("stable/")) {
            key = fuzzKey(random);
        }
        return signed(index, Kind.HEADERS, method, "/" + bucket + "/" + key, odd, body);
    }

    private Map.Entry<String, String> oddHeader(Random random) {
        return switch (random.nextInt(24)) {
            case 0 -> Map.entry("x-amz-meta-big", "a".repeat(pick(random, 1000, 3000, 17_000, 70_000)));
            case 1 -> Map.entry("x-amz-meta-nul", "a\u0000b");
            case 2 -> Map.entry("x-amz-meta-latin", "caf\u00e9 \u00ff\u0080");
            case 3 -> Map.entry("x-amz-meta-utf8", new String("\u65e5\u672c \ud83d\ude00".getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1));
            case 4 -> Map.entry("x-amz-meta-ctl", "a\u0001b\u007fc");
            case 5 -> Map.entry("x-amz-meta-cr", "a\rb");
            case 6 -> Map.entry("x-amz-meta-fold", "a\r\n b");
            case 7 -> Map.entry("", "empty name");
            case 8 -> Map.entry("x(y)", "non-token name");
            case 9 -> Map.entry("Content-Length", pick(random, "abc", "-1", "1, 2", "99999999999999999999999", "+3"));
            case 10 -> Map.entry("Host", pick(random, "", "evil.example", bucket + ".localhost", "[::1", "a:b:c"));
            case 11 -> Map.entry("Content-MD5", pick(random, "garbage", "AAAA", "", "AAAAAAAAAAAAAAAAAAAAAA=="));
            case 12 -> Map.entry(pick(random, "x-amz-checksum-crc32", "x-amz-checksum-sha256", "x-amz-checksum-crc64nvme"),
                    pick(random, "garbage", "AAAAAA==", "", "%%%"));
            case 13 -> Map.entry(pick(random, "x-amz-sdk-checksum-algorithm", "x-amz-trailer", "x-amz-checksum-algorithm"),
                    pick(random, "CRC32", "nonsense", "x-amz-checksum-crc32", ""));
            case 14 -> Map.entry(pick(random, "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since"),
                    pick(random, "*", "\"x\"", "garbage", "Tue, 32 Foo 99999 25:61:61 GMT", "", "W/\"x\""));
            case 15 -> Map.entry("x-amz-copy-source", pick(random, "/", "bucket", "/" + bucket + "/stable/digits?versionId=x",
                    "%zz", "../..", "/" + bucket + "/", "/nosuchbucket/key", "/" + bucket + "/stable%2Fdigits",
                    "/" + bucket + "/a%00b", "/%00/key"));
            case 16 -> Map.entry("x-amz-metadata-directive", pick(random, "COPY", "REPLACE", "nonsense", ""));
            case 17 -> Map.entry("Expect", pick(random, "100-continue", "nonsense", "100-CONTINUE", ""));
            case 18 -> Map.entry("Transfer-Encoding", pick(random, "gzip", "chunked, gzip", "identity", "nonsense"));
            case 19 -> Map.entry("Connection", pick(random, "close", "keep-alive", "upgrade", "nonsense"));
            case 20 -> Map.entry("Content-Type", oddText(random, 40));
            case 21 -> Map.entry("x-amz-content-sha256", pick(random, "STREAMING-nonsense", "0".repeat(64), ""));
            case 22 -> Map.entry("Content-Encoding", pick(random, "aws-chunked", "gzip,aws-chunked", "", "\u00e9"));
            default -> Map.entry("x-many", "v".repeat(100) + "\r\n" + "x-many-more: " + "w".repeat(100).repeat(random.nextInt(300)));
        };
    }

    private FuzzCase path(int index, Random random) {
        String path = switch (random.nextInt(12)) {
            case 0 -> "//";
            case 1 -> "/" + bucket + "//" + fuzzKey(random);
            case 2 -> pick(random, "/" + bucket + "/%00", "/%00", "/a%00b/key", "/%00?list-type=2");
            case 3 -> "/" + bucket + "/" + pick(random, "%ff%fe", "%c0%af", "%ed%a0%80", "%e9", "a%2", "%", "%%41");
            case 4 -> "/" + bucket + "/" + "k".repeat(pick(random, 1024, 1025, 5000, 20_000));
            case 5 -> "/" + bucket + "/" + pick(random, "..", ".", "../..", "a/../../b", "./");
            case 6 -> pick(random, "*", "http://" + host + "/" + bucket + "/x", "x", "", "?", "/?", "/#frag");
            case 7 -> "/" + bucket + "/" + new String(("k\u00e9\u65e5" + random.nextInt(9)).getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1);
            case 8 -> "/" + pick(random, "UPPER", "a", "xn--x", "nosuchbucket-" + random.nextInt(9), "192.168.0.1", bucket + "..");
            case 9 -> "/" + bucket + "/" + oddText(random, 30);
            case 10 -> "/" + bucket + "/with space";
            default -> "/" + bucket + "/" + fuzzKey(random) + "\t";
        };
        String method = pick(random, "GET", "HEAD", "PUT", "DELETE");
        List<Map.Entry<String, String>> headers = "PUT".equals(method) ? List.of(Map.entry("Content-Length", "3")) : List.of();
        return signed(index, Kind.PATH, method, path, headers, "PUT".equals(method) ? "abc".getBytes(StandardCharsets.US_ASCII) : new byte[0]);
    }

    private FuzzCase awsChunked(int index, Random random) {
        String mode = pick(random, AwsChunkedFraming.MODES.toArray(String[]::new));
        AwsChunkedFraming.Flaw flaw = pick(random, AwsChunkedFraming.Flaw.values());
        byte[] data = bytes(random, random.nextInt(3000));
        boolean part = random.nextInt(4) == 0;
        String uri = "/" + bucket + (part ? "/fuzz/part?partNumber=" + (1 + random.nextInt(3)) + "&uploadId=" + uploadId : "/" + fuzzKey(random));
        String decoded = random.nextInt(8) == 0 ? pick(random, "", "-1", "abc", String.valueOf(data.length + 1), "99999999999999999999")
                : String.valueOf(data.length);
        List<Map.Entry<String, String>> signedHeaders = new ArrayList<>(List.of(Map.entry("Content-Encoding", "aws-chunked"),
                Map.entry("x-amz-decoded-content-length", decoded)));
        if (mode.endsWith("TRAILER")) {
            signedHeaders.add(Map.entry("x-amz-trailer", "x-amz-checksum-crc32"));
        }
        TestSigner.Signed signed = signer.sign("PUT", uri, host, mode, signedHeaders);
        byte[] body = AwsChunkedFraming.body(mode, signed, data, flaw, random);
        // Usually the framed length; sometimes a lie either way (a longer one stalls, a shorter one leaves bytes behind)
        long contentLength = random.nextInt(6) == 0 ? Math.max(0, body.length + random.nextInt(41) - 20) : body.length;
        String head = signed.head("PUT", uri, List.of(Map.entry("Content-Length", String.valueOf(contentLength))));
        return new FuzzCase(index, Kind.AWS_CHUNKED, "PUT", concat(latin1(head), body));
    }

    private FuzzCase shortBody(int index, Random random) {
        String uri = switch (random.nextInt(5)) {
            case 0 -> "/" + bucket + "?delete";
            case 1 -> "/" + bucket + "/fuzz/part?partNumber=1&uploadId=" + uploadId;
            case 2 -> "/" + bucket + "/fuzz/part?uploadId=" + uploadId;
            default -> "/" + bucket + "/" + fuzzKey(random);
        };
        String method = uri.endsWith("?delete") || uri.endsWith("uploadId=" + uploadId) ? "POST" : "PUT";
        int declared = 1 + random.nextInt(5000);
        byte[] sent = bytes(random, random.nextInt(declared));
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(Map.entry("Content-Length", String.valueOf(declared))));
        if (random.nextBoolean()) {
            headers.add(Map.entry("Expect", "100-continue"));
        }
        return signed(index, Kind.SHORT_BODY, method, uri, headers, sent);
    }

    private FuzzCase tooLarge(int index, Random random) {
        long size = pick(random, FIVE_GIB + 1, FIVE_GIB + 1024, 1L << 40, Long.MAX_VALUE, 1L << 62);
        boolean part = random.nextBoolean();
        String uri = "/" + bucket + (part ? "/fuzz/part?partNumber=2&uploadId=" + uploadId : "/" + fuzzKey(random));
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String payload = "UNSIGNED-PAYLOAD";
        if (random.nextBoolean()) {
            headers.add(Map.entry("Content-Length", String.valueOf(size)));
        } else {
            payload = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
            headers.add(Map.entry("Content-Encoding", "aws-chunked"));
            headers.add(Map.entry("x-amz-decoded-content-length", String.valueOf(size)));
            headers.add(Map.entry("Content-Length", String.valueOf(1 + random.nextInt(1 << 20))));
        }
        if (random.nextBoolean()) {
            headers.add(Map.entry("Expect", "100-continue"));
        }
        String head = signer.sign("PUT", uri, host, payload, List.of()).head("PUT", uri, headers);
        return new FuzzCase(index, Kind.TOO_LARGE, "PUT", concat(latin1(head), bytes(random, random.nextInt(100))));
    }

    private FuzzCase garbage(int index, Random random) {
        String text = switch (random.nextInt(10)) {
            case 0 -> new String(bytes(random, 1 + random.nextInt(300)), StandardCharsets.ISO_8859_1);
            case 1 -> "GET /";
            case 2 -> "GET / HTTP/1.1\r\nHost: " + host + "\r\nx-amz-date: 2024";
            case 3 -> "GET / HTTP/9.9\r\nHost: " + host + "\r\n\r\n";
            case 4 -> "\r\n\r\n\r\n";
            case 5 -> "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003";
            case 6 -> "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
            case 7 -> pick(random, METHODS) + " /" + bucket + " HTTP/1.0\r\n\r\n";
            case 8 -> "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
            default -> "PUT /" + bucket + "/x HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!";
        };
        return new FuzzCase(index, Kind.GARBAGE, "GET", latin1(text));
    }

    private FuzzCase auth(int index, Random random) {
        String uri = "/" + bucket + "/" + pick(random, "stable/digits", fuzzKey(random));
        String head = switch (random.nextInt(7)) {
            case 0 -> "GET " + uri + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
            case 1 -> signer.sign("GET", uri, host, "UNSIGNED-PAYLOAD", List.of()).head("GET", uri + "?tampered", List.of());
            case 2 -> "GET " + uri + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + pick(random, "AWS4-HMAC-SHA256 Credential=",
                    "AWS x", "AWS :", "Bearer x", "AWS4-HMAC-SHA256 Credential=AKIA/20200101/us-east-1/s3/aws4_request, "
                            + "SignedHeaders=host, Signature=00", "AWS4-HMAC-SHA256 ,,,==", "") + "\r\n\r\n";
            case 3 -> "GET " + uri + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + pick(random, "x", "AKIA%2F2020", "%00%2F20200101%2Fus-east-1%2Fs3%2Faws4_request")
                    + "&X-Amz-Date=" + pick(random, "20200101T000000Z", "nonsense") + "&X-Amz-Expires=" + pick(random, ODD_VALUES)
                    + "&X-Amz-SignedHeaders=host&X-Amz-Signature=00 HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
            case 4 -> "GET " + uri + "?AWSAccessKeyId=" + pick(random, "x", "%00") + "&Expires=" + pick(random, ODD_VALUES) + "&Signature=" + pick(random, ODD_VALUES)
                    + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
            case 5 -> signer.sign("GET", uri, host, "UNSIGNED-PAYLOAD", List.of(Map.entry("x-amz-date", "20000101T000000Z")))
                    .head("GET", uri, List.of());
            default -> "PUT " + uri + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: AWS AKIAUNKNOWN:c2lnbmF0dXJl\r\n"
                    + "Date: " + pick(random, "nonsense", "Mon, 01 Jan 2001 00:00:00 GMT") + "\r\nContent-Length: 3\r\n\r\nabc";
        };
        return new FuzzCase(index, Kind.AUTH, "GET", latin1(head));
    }

    /** A request signed with the environment's key; {@code extra} headers are sent unsigned, after the signed ones. */
    private FuzzCase signed(int index, Kind kind, String method, String uri, List<Map.Entry<String, String>> extra, byte[] body) {
        String payload = "UNSIGNED-PAYLOAD";
        String head = signer.sign(method, uri, host, payload, List.of()).head(method, uri, extra);
        return new FuzzCase(index, kind, method, concat(latin1(head), body));
    }

    /** A small pool, so that reads often find what other cases wrote (with their odd metadata). */
    private static String fuzzKey(Random random) {
        return "fuzz/k" + random.nextInt(16);
    }

    private static String oddText(Random random, int maxLength) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            out.append(pick(random, "a", "Z", "0", "-", "_", ".", "~", "%", "%2", "%41", "+", " ", "&", "=", "/", "\\", "\"", "<", ">",
                    "\u00e9", "\u00ff", "\u0000", "\u0001", "\u007f", "{", "}", "|", "^", "`", "'", ";", ":", "@", "$", ","));
        }
        return out.toString();
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] head, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + body.length);
        out.writeBytes(head);
        out.writeBytes(body);
        return out.toByteArray();
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static Kind[] weighted(Map<Kind, Integer> weights) {
        List<Kind> kinds = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < weights.get(kind); i++) {
                kinds.add(kind);
            }
        }
        return kinds.toArray(Kind[]::new);
    }
}
