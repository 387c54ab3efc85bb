package io.mockfactory.storage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real {@code aws} CLI v2 (Debian's awscli) against the data plane: what users type, unchanged. */
class S3CliIT {
    private static final Path AWS = Path.of("/usr/bin/aws");
    private static StorageHarness storage;
    private static StorageHarness.S3Keys keys;
    private static Path work;

    record Result(int exitCode, String stdout, String stderr) {
    }

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(AWS), "the aws CLI v2 (Debian package awscli) is not installed; .ci/run installs it");
        storage = new StorageHarness();
        keys = storage.newEnvironment();
        work = Files.createTempDirectory("aws-cli");
        // Path-style: bucket.localhost may not resolve on every machine
        Files.writeString(work.resolve("config"), "[default]\nregion = us-east-1\ns3 =\n    addressing_style = path\n");
    }

    @AfterAll
    static void stop() {
        if (storage != null) {
            storage.close();
        }
    }

    private static Result awsWithSecret(String secret, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", storage.endpoint()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.putAll(new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", keys.accessKeyId(), "AWS_SECRET_ACCESS_KEY", secret,
                "AWS_CONFIG_FILE", work.resolve("config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString(), "AWS_PAGER", "")));
        builder.redirectOutput(work.resolve("out").toFile()).redirectError(work.resolve("err").toFile());
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(work.resolve("out")), Files.readString(work.resolve("err")));
    }

    private static Result aws(String... args) throws Exception {
        Result result = awsWithSecret(keys.secretAccessKey(), args);
        assertEquals(0, result.exitCode(), "aws " + String.join(" ", args) + ": " + result.stderr());
        return result;
    }

    @Test
    void shouldCopyA20MegabyteFileInPartsListPresignRemoveAndRemoveTheBucket() throws Exception {
        String bucket = "cli-" + Long.toHexString(System.nanoTime());
        aws("s3", "mb", "s3://" + bucket);
        byte[] content = S3SdkIT.randomBytes(20 * 1024 * 1024);
        Path file = work.resolve("big.bin");
        Files.write(file, content);

        aws("s3", "cp", file.toString(), "s3://" + bucket + "/data/big.bin");
        String etag = aws("s3api", "head-object", "--bucket", bucket, "--key", "data/big.bin").stdout();
        assertTrue(etag.contains("-3\\\"") || etag.contains("-3\""), "20 MB in 8 MB parts is a 3-part multipart ETag: " + etag);

        String listing = aws("s3", "ls", "s3://" + bucket + "/data/").stdout();
        assertTrue(listing.contains(String.valueOf(content.length)) && listing.contains("big.bin"), listing);
        assertTrue(aws("s3", "ls").stdout().contains(bucket));

        Path back = work.resolve("back.bin");
        aws("s3", "cp", "s3://" + bucket + "/data/big.bin", back.toString());
        assertArrayEquals(content, Files.readAllBytes(back));

        String url = aws("s3", "presign", "s3://" + bucket + "/data/big.bin", "--expires-in", "300").stdout().strip();
        HttpResponse<byte[]> viaUrl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, viaUrl.statusCode(), new String(viaUrl.body(), StandardCharsets.UTF_8));
        assertArrayEquals(content, viaUrl.body());

        Result notEmpty = awsWithSecret(keys.secretAccessKey(), "s3", "rb", "s3://" + bucket);
        assertNotEquals(0, notEmpty.exitCode());
        assertTrue(notEmpty.stderr().contains("BucketNotEmpty"), notEmpty.stderr());

        aws("s3", "rm", "s3://" + bucket + "/data/big.bin");
        // The CLI exits 1 when nothing matches a listing
        assertEquals("", awsWithSecret(keys.secretAccessKey(), "s3", "ls", "s3://" + bucket + "/data/").stdout().strip());
        aws("s3", "rb", "s3://" + bucket);
        assertTrue(!aws("s3", "ls").stdout().contains(bucket));
    }

    @Test
    void shouldSyncADirectoryAndRecursiveRemove() throws Exception {
        String bucket = "sync-" + Long.toHexString(System.nanoTime());
        aws("s3", "mb", "s3://" + bucket);
        Path dir = Files.createDirectories(work.resolve("tree").resolve("nested"));
        Files.writeString(dir.resolve("a.txt"), "a");
        Files.writeString(dir.getParent().resolve("b.txt"), "b");
        aws("s3", "sync", dir.getParent().toString(), "s3://" + bucket + "/tree");
        String recursive = aws("s3", "ls", "--recursive", "s3://" + bucket).stdout();
        assertTrue(recursive.contains("tree/nested/a.txt") && recursive.contains("tree/b.txt"), recursive);
        aws("s3", "rm", "--recursive", "s3://" + bucket + "/tree");
        aws("s3", "rb", "s3://" + bucket);
    }

    /** A SHA256 multipart upload part by part with s3api, then get-object-attributes as the CLI parses it. */
    @Test
    void shouldReadTheAttributesOfAMultipartObjectWithChecksums() throws Exception {
        String bucket = "attrs-" + Long.toHexString(System.nanoTime());
        aws("s3", "mb", "s3://" + bucket);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String uploadId = json.readTree(aws("s3api", "create-multipart-upload", "--bucket", bucket, "--key", "mp",
                "--checksum-algorithm", "SHA256").stdout()).get("UploadId").asText();
        List<String> partChecksums = new ArrayList<>();
        com.fasterxml.jackson.databind.node.ArrayNode parts = json.createArrayNode();
        byte[][] contents = {S3SdkIT.randomBytes(5 * 1024 * 1024), S3SdkIT.randomBytes(4321)};
        for (int i = 0; i < contents.length; i++) {
            Path file = work.resolve("part" + i);
            Files.write(file, contents[i]);
            com.fasterxml.jackson.databind.JsonNode uploaded = json.readTree(aws("s3api", "upload-part", "--bucket", bucket,
                    "--key", "mp", "--upload-id", uploadId, "--part-number", String.valueOf(i + 1), "--body", file.toString(),
                    "--checksum-algorithm", "SHA256").stdout());
            String checksum = java.util.Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(contents[i]));
            assertEquals(checksum, uploaded.get("ChecksumSHA256").asText());
            partChecksums.add(checksum);
            parts.addObject().put("ETag", uploaded.get("ETag").asText()).put("PartNumber", i + 1).put("ChecksumSHA256", checksum);
        }
        Path document = work.resolve("parts.json");
        Files.writeString(document, json.writeValueAsString(json.createObjectNode().set("Parts", parts)));
        String composite = json.readTree(aws("s3api", "complete-multipart-upload", "--bucket", bucket, "--key", "mp",
                "--upload-id", uploadId, "--multipart-upload", "file://" + document).stdout()).get("ChecksumSHA256").asText();
        assertTrue(composite.endsWith("-2"), composite);

        com.fasterxml.jackson.databind.JsonNode attributes = json.readTree(aws("s3api", "get-object-attributes", "--bucket", bucket,
                "--key", "mp", "--object-attributes", "ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize").stdout());
        assertEquals(composite.replace("-2", ""), attributes.at("/Checksum/ChecksumSHA256").asText());
        assertEquals(2, attributes.at("/ObjectParts/TotalPartsCount").asInt());
        assertEquals(partChecksums.get(1), attributes.at("/ObjectParts/Parts/1/ChecksumSHA256").asText());
        assertEquals(4321, attributes.at("/ObjectParts/Parts/1/Size").asInt());
        assertEquals(5 * 1024 * 1024 + 4321, attributes.get("ObjectSize").asInt());
        assertEquals("STANDARD", attributes.get("StorageClass").asText());
        assertTrue(attributes.get("ETag").asText().endsWith("-2"), attributes.toString());
        com.fasterxml.jackson.databind.JsonNode page = json.readTree(aws("s3api", "get-object-attributes", "--bucket", bucket,
                "--key", "mp", "--object-attributes", "ObjectParts", "--max-parts", "1").stdout());
        assertTrue(page.at("/ObjectParts/IsTruncated").asBoolean(), page.toString());
        assertEquals(1, page.at("/ObjectParts/Parts").size());
    }

    @Test
    void shouldVersionAndTagWithS3api() throws Exception {
        String bucket = "cli-versions-" + Long.toHexString(System.nanoTime());
        aws("s3", "mb", "s3://" + bucket);
        aws("s3api", "put-bucket-versioning", "--bucket", bucket, "--versioning-configuration", "Status=Enabled");
        assertTrue(aws("s3api", "get-bucket-versioning", "--bucket", bucket).stdout().contains("\"Enabled\""));
        Path file = work.resolve("v.txt");
        Files.writeString(file, "first");
        String first = aws("s3api", "put-object", "--bucket", bucket, "--key", "v.txt", "--body", file.toString(),
                "--tagging", "stage=one", "--query", "VersionId", "--output", "text").stdout().strip();
        Files.writeString(file, "second");
        aws("s3", "cp", file.toString(), "s3://" + bucket + "/v.txt");
        aws("s3", "rm", "s3://" + bucket + "/v.txt");
        String versions = aws("s3api", "list-object-versions", "--bucket", bucket, "--output", "json").stdout();
        assertTrue(versions.contains(first) && versions.contains("\"DeleteMarkers\""), versions);
        Path back = work.resolve("first.txt");
        aws("s3api", "get-object", "--bucket", bucket, "--key", "v.txt", "--version-id", first, back.toString());
        assertEquals("first", Files.readString(back));
        String tags = aws("s3api", "get-object-tagging", "--bucket", bucket, "--key", "v.txt", "--version-id", first).stdout();
        assertTrue(tags.contains("\"stage\"") && tags.contains("\"one\""), tags);
        aws("s3api", "put-bucket-tagging", "--bucket", bucket, "--tagging", "TagSet=[{Key=team,Value=qa}]");
        assertTrue(aws("s3api", "get-bucket-tagging", "--bucket", bucket).stdout().contains("\"qa\""));
        Result missing = awsWithSecret(keys.secretAccessKey(), "s3api", "get-object", "--bucket", bucket, "--key", "v.txt",
                work.resolve("none").toString());
        assertTrue(missing.stderr().contains("NoSuchKey"), missing.stderr());
    }

    @Test
    void shouldSetAclsAndPoliciesWithS3api() throws Exception {
        String bucket = "cli-access-" + Long.toHexString(System.nanoTime());
        aws("s3", "mb", "s3://" + bucket);
        Path file = work.resolve("page.html");
        Files.writeString(file, "<p>public</p>");
        aws("s3", "cp", file.toString(), "s3://" + bucket + "/site/page.html", "--acl", "public-read");
        aws("s3", "cp", file.toString(), "s3://" + bucket + "/hidden.html");
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create(keys.endpoint() + "/" + bucket + "/");
        assertEquals(200, http.send(HttpRequest.newBuilder(base.resolve("site/page.html")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "public-read: anyone reads it");
        assertEquals(403, http.send(HttpRequest.newBuilder(base.resolve("hidden.html")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        assertTrue(aws("s3api", "get-object-acl", "--bucket", bucket, "--key", "site/page.html").stdout().contains("AllUsers"));

        Path policy = work.resolve("policy.json");
        Files.writeString(policy, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}");
        aws("s3api", "put-bucket-policy", "--bucket", bucket, "--policy", "file://" + policy);
        assertTrue(aws("s3api", "get-bucket-policy", "--bucket", bucket).stdout().contains("s3:GetObject"));
        assertEquals(200, http.send(HttpRequest.newBuilder(base.resolve("hidden.html")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "the policy lets anyone read every object");
        aws("s3api", "put-public-access-block", "--bucket", bucket, "--public-access-block-configuration",
                "RestrictPublicBuckets=true");
        assertEquals(403, http.send(HttpRequest.newBuilder(base.resolve("hidden.html")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "RestrictPublicBuckets sets the public policy aside");
        aws("s3api", "delete-bucket-policy", "--bucket", bucket);
        Result none = awsWithSecret(keys.secretAccessKey(), "s3api", "get-bucket-policy", "--bucket", bucket);
        assertTrue(none.stderr().contains("NoSuchBucketPolicy"), none.stderr());
    }

    @Test
    void shouldConfigureCorsWithS3api() throws Exception {
        String bucket = "cli-cors-" + Long.toHexString(System.nanoTime());
        aws("s3", "mb", "s3://" + bucket);
        Path rules = work.resolve("cors.json");
        Files.writeString(rules, "{\"CORSRules\":[{\"AllowedOrigins\":[\"https://app.example\"],\"AllowedMethods\":[\"GET\",\"PUT\"],"
                + "\"AllowedHeaders\":[\"*\"],\"ExposeHeaders\":[\"ETag\"],\"MaxAgeSeconds\":300}]}");
        aws("s3api", "put-bucket-cors", "--bucket", bucket, "--cors-configuration", "file://" + rules);
        assertTrue(aws("s3api", "get-bucket-cors", "--bucket", bucket).stdout().contains("https://app.example"));
        HttpResponse<Void> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keys.endpoint() + "/" + bucket + "/file.txt"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "PUT").build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, preflight.statusCode());
        assertEquals("https://app.example", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        aws("s3api", "delete-bucket-cors", "--bucket", bucket);
        Result none = awsWithSecret(keys.secretAccessKey(), "s3api", "get-bucket-cors", "--bucket", bucket);
        assertTrue(none.stderr().contains("NoSuchCORSConfiguration"), none.stderr());
    }

    @Test
    void shouldRefuseAWrongSecret() throws Exception {
        Result refused = awsWithSecret(keys.secretAccessKey().substring(1) + "X", "s3", "ls");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().contains("SignatureDoesNotMatch"), refused.stderr());
    }
}
