package io.mockfactory.storage.s3.post;

import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.ops.ObjectHeaders;
import io.mockfactory.storage.s3.ops.ObjectKeys;
import io.mockfactory.storage.s3.payload.ChecksumAlgorithm;
import io.netty.handler.codec.http.HttpHeaderValidationUtil;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a form says about the object it uploads, in the shapes PutObject stores (see {@code ops/ObjectHeaders}): the
 * key with {@code ${filename}} expanded, Content-Type, the stored representation headers by canonical name, user
 * metadata, and the additional checksum asked for. Form values are free text, unlike request headers, so each one
 * that will be answered as a header on GET is checked to be a valid header value (a line break would be header
 * injection).
 */
record FormObject(String key, String contentType, Map<String, String> headers, Map<String, String> userMetadata,
                  ChecksumAlgorithm checksumAlgorithm, String expectedChecksum) {
    private static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";
    /** The content headers a POST form may set, by canonical name; Content-Type is kept apart, as PutObject does. */
    private static final String META = "x-amz-meta-";
    private static final int MAX_METADATA_BYTES = 2048;

    static FormObject of(PostForm form) {
        String key = ObjectKeys.checked(expandedKey(form));
        String type = form.get("content-type");
        String contentType = type == null || type.isBlank() ? DEFAULT_CONTENT_TYPE : headerValue("Content-Type", type);
        Map<String, String> headers = new TreeMap<>();
        // The same headers a PUT keeps; each value must be a valid header value, since GET answers it as one
        ObjectHeaders.stored(name -> form.get(name.toLowerCase(java.util.Locale.ROOT)))
                .forEach((name, value) -> headers.put(name, headerValue(name, value)));
        Optional<ChecksumAlgorithm> algorithm = checksumAlgorithm(form);
        String expected = algorithm.map(a -> form.get(a.headerName())).map(String::strip).orElse(null);
        return new FormObject(key, contentType, Collections.unmodifiableMap(headers), userMetadata(form),
                algorithm.orElse(null), expected);
    }

    /** The key the form names, {@code ${filename}} replaced by the name the file was sent with. */
    static String expandedKey(PostForm form) {
        String key = form.get("key");
        if (key == null) {
            throw FormSignature.missingField("key");
        }
        return key.replace("${filename}", form.filename());
    }

    private static Map<String, String> userMetadata(PostForm form) {
        Map<String, String> metadata = new TreeMap<>();
        int bytes = 0;
        for (Map.Entry<String, String> field : form.fields().entrySet()) {
            String name = field.getKey();
            if (name.startsWith(META) && name.length() > META.length()) {
                String key = name.substring(META.length());
                if (HttpHeaderValidationUtil.validateToken(name) != -1) {
                    throw S3Error.INVALID_ARGUMENT.exception("The metadata name '" + name + "' is not a valid header name.")
                            .with("ArgumentName", name);
                }
                metadata.put(key, headerValue(name, field.getValue()));
                bytes += key.getBytes(StandardCharsets.UTF_8).length + field.getValue().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (bytes > MAX_METADATA_BYTES) {
            throw S3Error.INVALID_ARGUMENT.exception("Your metadata headers exceed the maximum allowed metadata size.")
                    .with("Size", String.valueOf(bytes)).with("MaxSizeAllowed", String.valueOf(MAX_METADATA_BYTES));
        }
        return Collections.unmodifiableMap(metadata);
    }

    /** {@code x-amz-checksum-algorithm}, else the algorithm of an {@code x-amz-checksum-<algorithm>} value given. */
    private static Optional<ChecksumAlgorithm> checksumAlgorithm(PostForm form) {
        String named = form.get("x-amz-checksum-algorithm");
        if (named != null) {
            return Optional.of(ChecksumAlgorithm.fromName(named).orElseThrow(() -> S3Error.INVALID_REQUEST.exception(
                    "Checksum algorithm provided is unsupported. Please try again with any of the valid types:"
                            + " [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]").with("ArgumentName", "x-amz-checksum-algorithm")));
        }
        return Arrays.stream(ChecksumAlgorithm.values()).filter(algorithm -> form.has(algorithm.headerName())).findFirst();
    }

    private static String headerValue(String name, String value) {
        if (HttpHeaderValidationUtil.validateValidHeaderValue(value) != -1) {
            throw S3Error.INVALID_ARGUMENT.exception("The " + name + " field is not a valid header value.")
                    .with("ArgumentName", name);
        }
        return value;
    }
}
