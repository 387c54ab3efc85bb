package io.mockfactory.storage.s3.ops;

import io.mockfactory.storage.meta.StoredObject;
import io.mockfactory.storage.s3.S3Error;
import io.mockfactory.storage.s3.S3Request;
import io.mockfactory.storage.s3.S3Response;
import io.netty.handler.codec.http.HttpHeaderValidationUtil;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The headers S3 keeps with an object (content headers, user metadata) and gives back on GET and HEAD. */
public final class ObjectHeaders {
    static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";
    private static final String[] STORED = {"Content-Encoding", "Content-Disposition", "Cache-Control", "Content-Language",
            "Expires"};
    private static final String META = "x-amz-meta-";
    private static final int MAX_METADATA_BYTES = 2048;
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private ObjectHeaders() {
    }

    static String contentType(S3Request request) {
        String type = request.header("Content-Type");
        return type == null || type.isBlank() ? DEFAULT_CONTENT_TYPE : type;
    }

    /** Stored headers; {@code aws-chunked} is transport, not content, and is dropped from Content-Encoding. */
    static Map<String, String> stored(S3Request request) {
        return stored(request::header);
    }

    /**
     * The stored headers a write gives (request headers, or a form's fields), by their canonical names.
     *
     * @param given a value by canonical header name, null when absent
     */
    public static Map<String, String> stored(java.util.function.Function<String, String> given) {
        Map<String, String> headers = new TreeMap<>();
        for (String name : STORED) {
            String value = given.apply(name);
            if (value == null) {
                continue;
            }
            if (name.equals("Content-Encoding")) {
                value = Arrays.stream(value.split(",")).map(String::strip)
                        .filter(encoding -> !encoding.isEmpty() && !encoding.equalsIgnoreCase("aws-chunked"))
                        .collect(Collectors.joining(","));
                if (value.isEmpty()) {
                    continue;
                }
            }
            headers.put(name, value);
        }
        return headers;
    }

    static Map<String, String> userMetadata(S3Request request) {
        Map<String, String> metadata = new TreeMap<>();
        int bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(META) && name.length() > META.length()) {
                String key = name.substring(META.length());
                metadata.merge(key, header.getValue(), (a, b) -> a + "," + b);
                bytes += key.getBytes(StandardCharsets.UTF_8).length + header.getValue().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (bytes > MAX_METADATA_BYTES) {
            throw S3Error.INVALID_ARGUMENT.exception("Your metadata headers exceed the maximum allowed metadata size.")
                    .with("Size", String.valueOf(bytes)).with("MaxSizeAllowed", String.valueOf(MAX_METADATA_BYTES));
        }
        return metadata;
    }

    /** Everything GET and HEAD answer about an object, with the {@code response-*} overrides of a GET. */
    static void describe(S3Response response, StoredObject object, S3Request request) {
        response.header("ETag", quoted(object.etag()))
                .header("Last-Modified", HTTP_DATE.format(object.lastModified()))
                .header("Accept-Ranges", "bytes")
                .header("Content-Type", object.contentType() == null ? DEFAULT_CONTENT_TYPE : object.contentType());
        object.headers().forEach(response::header);
        object.userMetadata().forEach((key, value) -> response.header(META + key, value));
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("response-content-type", "Content-Type");
        overrides.put("response-content-language", "Content-Language");
        overrides.put("response-expires", "Expires");
        overrides.put("response-cache-control", "Cache-Control");
        overrides.put("response-content-disposition", "Content-Disposition");
        overrides.put("response-content-encoding", "Content-Encoding");
        overrides.forEach((param, header) -> {
            String value = request.param(param);
            if (value != null) {
                // Decoded from the query, so it may hold what no header may (a line break would be header injection)
                if (HttpHeaderValidationUtil.validateValidHeaderValue(value) != -1) {
                    throw S3Error.INVALID_ARGUMENT.exception("The " + param + " value is not a valid header value.")
                            .with("ArgumentName", param);
                }
                response.header(header, value);
            }
        });
    }

    static String quoted(String etag) {
        return "\"" + etag + "\"";
    }
}
