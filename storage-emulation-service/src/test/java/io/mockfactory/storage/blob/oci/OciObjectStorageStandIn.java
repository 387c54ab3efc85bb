package io.mockfactory.storage.blob.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for OCI Object Storage's REST API (tests run without an OCI tenancy), faithful where the
 * adapter depends on it: the paths, JSON documents, headers and status codes of the calls the real SDK makes, and
 * OCI's request signatures, verified with the test key's public half before anything is served.
 */
final class OciObjectStorageStandIn implements AutoCloseable {
    static final String NAMESPACE = "standinns";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SIGNATURE_FIELD = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern OBJECT = Pattern.compile("/n/([^/]+)/b/([^/]+)/o/(.+)");
    private static final Pattern OBJECTS = Pattern.compile("/n/([^/]+)/b/([^/]+)/o/?");
    private static final Pattern UPLOAD = Pattern.compile("/n/([^/]+)/b/([^/]+)/u/(.+)");
    private static final Pattern UPLOADS = Pattern.compile("/n/([^/]+)/b/([^/]+)/u/?");
    private static final Pattern BUCKET = Pattern.compile("/n/([^/]+)/b/([^/]+)/?");
    private static final Pattern BUCKETS = Pattern.compile("/n/([^/]+)/b/?");

    record Call(String method, String path, String keyId) {
    }

    private record Upload(String bucket, String object, Map<Integer, byte[]> parts) {
    }

    private final HttpServer server;
    private final PublicKey publicKey;
    private final Map<String, String> bucketCompartments = new ConcurrentHashMap<>();
    private final Map<String, Map<String, byte[]>> buckets = new ConcurrentHashMap<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger rejectedSignatures = new AtomicInteger();
    final AtomicInteger failNext = new AtomicInteger();

    OciObjectStorageStandIn(PublicKey publicKey) throws IOException {
        this.publicKey = publicKey;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Map<String, byte[]> bucket(String name) {
        return buckets.get(name);
    }

    String compartmentOf(String bucket) {
        return bucketCompartments.get(bucket);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String keyId = verifiedKeyId(exchange, body);
            if (keyId == null) {
                rejectedSignatures.incrementAndGet();
                error(exchange, 401, "NotAuthenticated", "The required information to complete authentication was not provided or was incorrect.");
                return;
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            calls.add(new Call(method, path, keyId));
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                error(exchange, 503, "ServiceUnavailable", "Injected outage");
                return;
            }
            route(exchange, method, path, body);
        } catch (RuntimeException e) {
            error(exchange, 500, "InternalServerError", e.toString());
        }
    }

    private void route(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Matcher m;
        if ((m = OBJECT.matcher(path)).matches() && requireNamespace(exchange, m.group(1))) {
            Map<String, byte[]> objects = buckets.get(m.group(2));
            if (objects == null) {
                error(exchange, 404, "BucketNotFound", "Either the bucket does not exist or you are not authorized");
                return;
            }
            String name = m.group(3);
            switch (method) {
                case "PUT" -> {
                    objects.put(name, body);
                    exchange.getResponseHeaders().add("etag", UUID.randomUUID().toString());
                    exchange.getResponseHeaders().add("opc-content-md5", md5(body));
                    send(exchange, 200, new byte[0]);
                }
                case "GET" -> getObject(exchange, objects.get(name));
                case "DELETE" -> {
                    if (objects.remove(name) == null) {
                        error(exchange, 404, "ObjectNotFound", "The object does not exist");
                    } else {
                        send(exchange, 204, null);
                    }
                }
                default -> error(exchange, 405, "MethodNotAllowed", method);
            }
        } else if ((m = OBJECTS.matcher(path)).matches() && method.equals("GET") && requireNamespace(exchange, m.group(1))) {
            Map<String, byte[]> objects = buckets.get(m.group(2));
            if (objects == null) {
                error(exchange, 404, "BucketNotFound", "Either the bucket does not exist or you are not authorized");
                return;
            }
            List<Map<String, Object>> listed = new ArrayList<>();
            String start = query.get("start");
            String next = null;
            for (Map.Entry<String, byte[]> object : new TreeMap<>(objects).entrySet()) {
                if (start != null && object.getKey().compareTo(start) < 0) {
                    continue;
                }
                if (listed.size() == 2) {
                    next = object.getKey();
                    break;
                }
                listed.add(Map.of("name", object.getKey(), "size", object.getValue().length));
            }
            Map<String, Object> page = new TreeMap<>();
            page.put("objects", listed);
            page.put("nextStartWith", next);
            json(exchange, 200, page);
        } else if ((m = UPLOAD.matcher(path)).matches() && requireNamespace(exchange, m.group(1))) {
            Upload upload = uploads.get(query.get("uploadId"));
            if (upload == null) {
                error(exchange, 404, "NoSuchUpload", "The upload does not exist");
                return;
            }
            switch (method) {
                case "PUT" -> {
                    upload.parts().put(Integer.parseInt(query.get("uploadPartNum")), body);
                    exchange.getResponseHeaders().add("etag", "part-" + query.get("uploadPartNum") + "-" + md5(body));
                    send(exchange, 200, new byte[0]);
                }
                case "POST" -> {
                    ByteArrayOutputStream whole = new ByteArrayOutputStream();
                    for (JsonNode part : JSON.readTree(body).path("partsToCommit")) {
                        byte[] data = upload.parts().get(part.path("partNum").asInt());
                        if (data == null || !part.path("etag").asText().equals("part-" + part.path("partNum").asInt() + "-" + md5(data))) {
                            error(exchange, 400, "InvalidUploadPart", "A part is missing or its etag does not match");
                            return;
                        }
                        whole.writeBytes(data);
                    }
                    buckets.get(upload.bucket()).put(upload.object(), whole.toByteArray());
                    uploads.remove(query.get("uploadId"));
                    exchange.getResponseHeaders().add("etag", UUID.randomUUID().toString());
                    send(exchange, 200, new byte[0]);
                }
                case "DELETE" -> {
                    uploads.remove(query.get("uploadId"));
                    send(exchange, 204, null);
                }
                default -> error(exchange, 405, "MethodNotAllowed", method);
            }
        } else if ((m = UPLOADS.matcher(path)).matches() && requireNamespace(exchange, m.group(1))) {
            String bucket = m.group(2);
            if (method.equals("POST")) {
                String uploadId = UUID.randomUUID().toString();
                String object = JSON.readTree(body).path("object").asText();
                uploads.put(uploadId, new Upload(bucket, object, new ConcurrentHashMap<>()));
                json(exchange, 200, Map.of("namespace", NAMESPACE, "bucket", bucket, "object", object, "uploadId", uploadId,
                        "timeCreated", "2026-11-22T00:00:00.000Z"));
            } else {
                List<Map<String, Object>> open = new ArrayList<>();
                uploads.forEach((id, upload) -> {
                    if (upload.bucket().equals(bucket)) {
                        open.add(Map.of("namespace", NAMESPACE, "bucket", bucket, "object", upload.object(), "uploadId", id,
                                "timeCreated", "2026-11-22T00:00:00.000Z"));
                    }
                });
                json(exchange, 200, open);
            }
        } else if ((m = BUCKET.matcher(path)).matches() && method.equals("DELETE") && requireNamespace(exchange, m.group(1))) {
            Map<String, byte[]> objects = buckets.get(m.group(2));
            if (objects == null) {
                error(exchange, 404, "BucketNotFound", "Either the bucket does not exist or you are not authorized");
            } else if (!objects.isEmpty()) {
                error(exchange, 409, "BucketNotEmpty", "Bucket is not empty");
            } else {
                buckets.remove(m.group(2));
                send(exchange, 204, null);
            }
        } else if ((m = BUCKETS.matcher(path)).matches() && method.equals("POST") && requireNamespace(exchange, m.group(1))) {
            JsonNode details = JSON.readTree(body);
            String name = details.path("name").asText();
            if (buckets.putIfAbsent(name, new ConcurrentHashMap<>()) != null) {
                error(exchange, 409, "BucketAlreadyExists", "Either the bucket already exists or you are not authorized");
                return;
            }
            bucketCompartments.put(name, details.path("compartmentId").asText());
            json(exchange, 200, Map.of("namespace", NAMESPACE, "name", name, "compartmentId", details.path("compartmentId").asText(),
                    "createdBy", "standin", "timeCreated", "2026-11-22T00:00:00.000Z", "etag", UUID.randomUUID().toString()));
        } else if (path.equals("/n/") || path.equals("/n")) {
            json(exchange, 200, NAMESPACE);
        } else {
            error(exchange, 404, "NotFound", "No such route in the stand-in: " + method + " " + path);
        }
    }

    private void getObject(HttpExchange exchange, byte[] data) throws IOException {
        if (data == null) {
            error(exchange, 404, "ObjectNotFound", "The object does not exist");
            return;
        }
        String range = exchange.getRequestHeaders().getFirst("range");
        if (range == null) {
            send(exchange, 200, data);
            return;
        }
        Matcher bytes = Pattern.compile("bytes=(\\d+)-(\\d+)").matcher(range);
        if (!bytes.matches()) {
            error(exchange, 400, "InvalidRange", range);
            return;
        }
        int first = Integer.parseInt(bytes.group(1));
        int last = Math.min(Integer.parseInt(bytes.group(2)), data.length - 1);
        exchange.getResponseHeaders().add("content-range", "bytes " + first + "-" + last + "/" + data.length);
        byte[] slice = new byte[last - first + 1];
        System.arraycopy(data, first, slice, 0, slice.length);
        send(exchange, 206, slice);
    }

    /**
     * OCI signs {@code (request-target)}, date and host (plus the body's length, type and SHA-256 for JSON bodies) with
     * the user's RSA key; the Authorization header names the headers in order. @return the keyId, or null if invalid
     */
    private String verifiedKeyId(HttpExchange exchange, byte[] body) {
        String authorization = exchange.getRequestHeaders().getFirst("authorization");
        if (authorization == null || !authorization.startsWith("Signature ")) {
            return null;
        }
        Map<String, String> fields = new TreeMap<>();
        Matcher field = SIGNATURE_FIELD.matcher(authorization);
        while (field.find()) {
            fields.put(field.group(1), field.group(2));
        }
        if (!"rsa-sha256".equals(fields.get("algorithm")) || fields.get("headers") == null || fields.get("signature") == null) {
            return null;
        }
        List<String> signed = List.of(fields.get("headers").split(" "));
        if (!signed.contains("(request-target)") || !signed.contains("date") || !signed.contains("host")) {
            return null;
        }
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        List<String> lines = new ArrayList<>();
        for (String name : signed) {
            if (name.equals("(request-target)")) {
                lines.add("(request-target): " + exchange.getRequestMethod().toLowerCase() + " " + target);
            } else {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value == null) {
                    return null;
                }
                lines.add(name + ": " + value);
            }
        }
        if (signed.contains("x-content-sha256") && !exchange.getRequestHeaders().getFirst("x-content-sha256").equals(sha256(body))) {
            return null;
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(publicKey);
            rsa.update(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            return rsa.verify(Base64.getDecoder().decode(fields.get("signature"))) ? fields.get("keyId") : null;
        } catch (Exception e) {
            return null;
        }
    }

    private boolean requireNamespace(HttpExchange exchange, String namespace) throws IOException {
        if (NAMESPACE.equals(namespace)) {
            return true;
        }
        error(exchange, 404, "NamespaceNotFound", "You do not have authorization to perform this request, or the requested resource could not be found.");
        return false;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new TreeMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(eq < 0 ? pair : pair.substring(0, eq),
                        eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void json(HttpExchange exchange, int status, Object document) throws IOException {
        exchange.getResponseHeaders().add("content-type", "application/json");
        send(exchange, status, JSON.writeValueAsBytes(document));
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        json(exchange, status, Map.of("code", code, "message", message));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("opc-request-id", UUID.randomUUID().toString());
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String md5(byte[] data) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] data) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
