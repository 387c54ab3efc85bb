package io.mockfactory.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command-line tool as its users run it: {@code java -jar mockfactory-cli.jar} as a process against the stack,
 * judged by what it prints on which stream and by its exit code. aws_s3 where any service does (it runs no process of
 * its own); redis where the data matters (seeds, snapshots).
 */
class CliIT extends OnLifecycleStack {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("(?m)^id\\s+(env_\\S+)$");

    @TempDir
    Path configHome;
    @TempDir
    Path outputs;

    record Run(List<String> args, int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "mockfactory " + String.join(" ", args) + " -> exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    @Test
    void shouldLogInWithTheKeyOnStdinStoreItOwnerOnlyAndLogOut() throws Exception {
        Tenant tenant = Tenant.register(baseUrl, "cli-login");

        Run login = cli(Map.of(), tenant.apiKey() + "\n", "login", "--url", baseUrl);
        assertEquals(0, login.exitCode(), login.toString());
        Path config = configHome.resolve("mockfactory").resolve("config");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)), login.toString());
        assertFalse(login.out().contains(tenant.apiKey()) || login.err().contains(tenant.apiKey()), login.toString());

        Run listed = cli(Map.of(), "", "env", "ls");
        assertEquals(0, listed.exitCode(), "the stored login serves later commands: " + listed);

        Run logout = cli(Map.of(), "", "logout");
        assertEquals(0, logout.exitCode(), logout.toString());
        assertFalse(Files.exists(config), logout.toString());
    }

    @Test
    void shouldCreateListInspectStopStartAndDestroyAnEnvironment() throws Exception {
        Tenant tenant = Tenant.register(baseUrl, "cli-env");
        Map<String, String> env = Map.of("MOCKFACTORY_URL", baseUrl, "MOCKFACTORY_API_KEY", tenant.apiKey());
        List<Run> runs = new ArrayList<>();

        Run created = record(runs, cli(env, "", "env", "create", "--service", "aws_s3", "--wait", "--ttl", "30"));
        assertEquals(0, created.exitCode(), created.toString());
        Matcher id = ID.matcher(created.out());
        assertTrue(id.find(), "stdout names the environment: " + created);
        String environment = id.group(1);
        assertTrue(created.out().contains("running"), created.toString());
        assertTrue(created.err().contains("provisioning " + environment + ": ")
                && created.err().contains(environment + " is running after "), "the progress line: " + created);

        Run table = record(runs, cli(env, "", "env", "ls"));
        assertTrue(table.exitCode() == 0 && table.out().startsWith("ID") && table.out().contains(environment), table.toString());
        Run listed = record(runs, cli(env, "", "env", "ls", "--output", "json"));
        JsonNode items = JSON.readTree(listed.out());
        assertTrue(items.isArray() && items.findValuesAsText("id").contains(environment), listed.toString());
        Run got = record(runs, cli(env, "", "env", "get", environment));
        assertTrue(got.exitCode() == 0 && got.out().contains("aws_s3") && got.out().contains("running"), got.toString());

        Run exports = record(runs, cli(env, "", "env", "creds", environment, "--format", "env"));
        assertTrue(exports.exitCode() == 0 && exports.out().contains("export AWS_ACCESS_KEY_ID='")
                && exports.out().contains("export MOCKFACTORY_AWS_S3_ENDPOINT='http"), exports.toString());
        Run credentials = record(runs, cli(env, "", "env", "creds", environment, "--format", "json"));
        assertFalse(JSON.readTree(credentials.out()).path("services").path("aws_s3").path("secret_access_key").asText()
                .isEmpty(), credentials.toString());
        Run urls = record(runs, cli(env, "", "env", "creds", environment, "--format", "url"));
        assertTrue(urls.out().startsWith("aws_s3\thttp"), urls.toString());

        assertEquals(environment + " stopped", record(runs, cli(env, "", "env", "stop", environment)).out().strip());
        assertEquals(environment + " running", record(runs, cli(env, "", "env", "start", environment)).out().strip());
        assertEquals(environment + " destroyed", record(runs, cli(env, "", "env", "rm", environment)).out().strip());

        Run watched = record(runs, cli(env, "", "env", "watch", environment));
        assertEquals(0, watched.exitCode(), "the history ends with the destruction, and so does the watch: " + watched);
        assertTrue(watched.out().contains("EnvironmentRequested") && watched.out().strip().contains("EnvironmentDestroyed"),
                watched.toString());

        for (Run run : runs) {
            assertFalse(run.out().contains(tenant.apiKey()) || run.err().contains(tenant.apiKey()),
                    "the API key is printed nowhere: " + run);
        }
    }

    @Test
    void shouldExitWithTheCodeThatSaysWhatWentWrong() throws Exception {
        Tenant tenant = Tenant.register(baseUrl, "cli-errors");
        Map<String, String> env = Map.of("MOCKFACTORY_URL", baseUrl, "MOCKFACTORY_API_KEY", tenant.apiKey());

        Run unknown = cli(env, "", "env", "get", "env_AAAAAAAAAAAAAAAAAAAAAA");
        assertEquals(3, unknown.exitCode(), unknown.toString());
        assertOneLineError(unknown);

        Run wrongKey = cli(Map.of("MOCKFACTORY_URL", baseUrl, "MOCKFACTORY_API_KEY", "mf_notAKeyOfAnyone0000000000000000"),
                "", "env", "ls");
        assertEquals(3, wrongKey.exitCode(), wrongKey.toString());
        assertOneLineError(wrongKey);
        assertTrue(wrongKey.err().contains("Authentication required") && wrongKey.err().contains("Check the API key"),
                wrongKey.toString());
        assertFalse(wrongKey.err().contains("mf_notAKeyOfAnyone"), wrongKey.toString());

        Run unreachable = cli(Map.of("MOCKFACTORY_URL", "http://127.0.0.1:1", "MOCKFACTORY_API_KEY", tenant.apiKey()),
                "", "env", "ls");
        assertEquals(4, unreachable.exitCode(), unreachable.toString());
        assertOneLineError(unreachable);

        Run badOption = cli(env, "", "env", "ls", "--no-such-option");
        assertEquals(2, badOption.exitCode(), badOption.toString());
        assertTrue(badOption.err().contains("Unknown option"), badOption.toString());
    }

    @Test
    void shouldSeedFromFilesAndReportARefusedSeed() throws Exception {
        Tenant tenant = Tenant.register(baseUrl, "cli-seed");
        Map<String, String> env = Map.of("MOCKFACTORY_URL", baseUrl, "MOCKFACTORY_API_KEY", tenant.apiKey());
        Path cache = Files.writeString(outputs.resolve("cache.redis"), "# fixtures\nSET greeting \"hello from the cli\"\n");
        Run seeded = cli(env, "", "env", "create", "--service", "redis", "--seed", "redis=" + cache, "--wait");
        assertEquals(0, seeded.exitCode(), seeded.toString());
        Matcher id = ID.matcher(seeded.out());
        assertTrue(id.find(), seeded.toString());
        String url = JSON.readTree(cli(env, "", "env", "creds", id.group(1), "--format", "json").out())
                .path("services").path("redis").path("url").asText();
        try (redis.clients.jedis.Jedis redis = new redis.clients.jedis.Jedis(java.net.URI.create(url))) {
            assertEquals("hello from the cli", redis.get("greeting"));
        }
        assertEquals(0, cli(env, "", "env", "rm", id.group(1)).exitCode());

        Path broken = Files.writeString(outputs.resolve("broken.redis"), "SET k v\nINCR k\n");
        Run refused = cli(env, "", "env", "create", "--service", "redis", "--seed", "redis=" + broken, "--wait");
        assertEquals(5, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("seed failed at command 2 (INCR)"), "the seed's error is shown: " + refused);

        Run unnamed = cli(env, "", "env", "create", "--service", "redis", "--seed", "postgresql=" + cache);
        assertEquals(2, unnamed.exitCode(), unnamed.toString());
        assertTrue(unnamed.err().contains("--seed postgresql names no --service"), unnamed.toString());
    }

    /** An archive uploaded with the cli, an S3 bucket seeded from it, the upload listed and deleted. */
    @Test
    void shouldUploadAnArchiveAndSeedABucketFromIt() throws Exception {
        Tenant tenant = Tenant.register(baseUrl, "cli-upload");
        Map<String, String> env = Map.of("MOCKFACTORY_URL", baseUrl, "MOCKFACTORY_API_KEY", tenant.apiKey());
        Path archive = outputs.resolve("fixtures.zip");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(archive))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("a/b.txt"));
            zip.write("from the cli".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Run uploaded = cli(env, "", "upload", "create", archive.toString(), "--output", "json");
        assertEquals(0, uploaded.exitCode(), uploaded.toString());
        JsonNode upload = JSON.readTree(uploaded.out());
        assertEquals("zip", upload.path("format").asText(), uploaded.toString());
        assertEquals("fixtures.zip", upload.path("name").asText(), uploaded.toString());
        String uploadId = upload.path("id").asText();
        Run listed = cli(env, "", "upload", "ls");
        assertTrue(listed.exitCode() == 0 && listed.out().startsWith("ID") && listed.out().contains(uploadId), listed.toString());

        Run seeded = cli(env, "", "env", "create", "--service", "aws_s3", "--seed-objects", uploadId + ":fixtures", "--wait");
        assertEquals(0, seeded.exitCode(), seeded.toString());
        Matcher id = ID.matcher(seeded.out());
        assertTrue(id.find(), seeded.toString());
        try (software.amazon.awssdk.services.s3.S3Client s3 = AwsClients.s3(get("/api/v1/environments/" + id.group(1)
                + "/credentials", "Bearer " + tenant.apiKey()).body())) {
            assertEquals("from the cli", s3.getObjectAsBytes(g -> g.bucket("fixtures").key("a/b.txt")).asUtf8String());
        }
        assertEquals(0, cli(env, "", "env", "rm", id.group(1)).exitCode());
        Run malformed = cli(env, "", "env", "create", "--service", "aws_s3", "--seed-objects", uploadId);
        assertEquals(2, malformed.exitCode(), malformed.toString());
        Run deleted = cli(env, "", "upload", "rm", uploadId);
        assertTrue(deleted.exitCode() == 0 && deleted.out().contains(uploadId + " deleted"), deleted.toString());
        assertEquals(3, cli(env, "", "upload", "rm", uploadId).exitCode(), "a second delete is the API's 404");
    }

    @Test
    void shouldSnapshotAnEnvironmentAndMakeEnvironmentsFromItAndCloneIt() throws Exception {
        Tenant tenant = Tenant.register(baseUrl, "cli-snapshot");
        Map<String, String> env = Map.of("MOCKFACTORY_URL", baseUrl, "MOCKFACTORY_API_KEY", tenant.apiKey());
        List<Run> runs = new ArrayList<>();
        List<String> made = new ArrayList<>();
        String snapshot = null;
        try {
            Run created = record(runs, cli(env, "", "env", "create", "--service", "redis", "--name", "cli-source",
                    "--wait", "--ttl", "30"));
            assertEquals(0, created.exitCode(), created.toString());
            String source = idOf(created);
            made.add(source);
            try (Jedis redis = redisOf(env, source)) {
                redis.set("greeting", "kept by the snapshot");
            }

            Run taken = record(runs, cli(env, "", "snapshot", "create", source, "--name", "cli fixtures", "--output", "json"));
            assertEquals(0, taken.exitCode(), taken.toString());
            JsonNode snapshotJson = JSON.readTree(taken.out());
            snapshot = snapshotJson.path("id").asText();
            assertTrue(snapshot.startsWith("snap_") && snapshotJson.path("status").asText().equals("ready"), taken.toString());
            assertEquals(source, snapshotJson.path("environment_id").asText(), taken.toString());
            assertEquals("redis", snapshotJson.path("services").get(0).path("service").asText(), taken.toString());
            assertTrue(taken.err().contains("snapshotting " + source), "progress on stderr: " + taken);

            Run table = record(runs, cli(env, "", "snapshot", "ls"));
            assertTrue(table.exitCode() == 0 && table.out().startsWith("ID") && table.out().contains(snapshot)
                    && table.out().contains("cli fixtures"), table.toString());
            Run listed = record(runs, cli(env, "", "snapshot", "list", "--output", "json"));
            assertTrue(JSON.readTree(listed.out()).findValuesAsText("id").contains(snapshot), listed.toString());
            Run got = record(runs, cli(env, "", "snapshot", "get", snapshot));
            assertTrue(got.exitCode() == 0 && got.out().contains("ready") && got.out().contains(source), got.toString());

            Run both = record(runs, cli(env, "", "env", "create", "--from-snapshot", snapshot, "--service", "redis"));
            assertEquals(2, both.exitCode(), both.toString());
            assertTrue(both.err().contains("--from-snapshot and --service are mutually exclusive"), both.toString());

            Run branched = record(runs, cli(env, "", "env", "create", "--from-snapshot", snapshot, "--name", "cli-branch",
                    "--wait", "--ttl", "30"));
            assertEquals(0, branched.exitCode(), branched.toString());
            String branch = idOf(branched);
            made.add(branch);
            assertTrue(branched.out().contains("cli-branch") && branched.out().contains("running"), branched.toString());
            Run cloned = record(runs, cli(env, "", "env", "clone", source, "--name", "cli-clone", "--wait"));
            assertEquals(0, cloned.exitCode(), cloned.toString());
            String clone = idOf(cloned);
            made.add(clone);
            assertTrue(cloned.out().contains("cli-clone") && cloned.out().contains("running")
                    && cloned.err().contains(clone + " is running after "), cloned.toString());

            for (String copy : List.of(branch, clone)) {
                try (Jedis redis = redisOf(env, copy)) {
                    assertEquals("kept by the snapshot", redis.get("greeting"), copy);
                    redis.set("greeting", "changed in " + copy);
                }
            }
            try (Jedis redis = redisOf(env, source)) {
                assertEquals("kept by the snapshot", redis.get("greeting"), "the copies' writes stay theirs");
            }

            String deleted = snapshot;
            Run removed = record(runs, cli(env, "", "snapshot", "delete", deleted));
            assertEquals(deleted + " deleted", removed.out().strip(), removed.toString());
            snapshot = null;
            Run gone = record(runs, cli(env, "", "snapshot", "get", deleted));
            assertEquals(3, gone.exitCode(), gone.toString());
            assertOneLineError(gone);
            try (Jedis redis = redisOf(env, branch)) {
                assertEquals("changed in " + branch, redis.get("greeting"), "the branch outlives its snapshot");
            }
        } finally {
            if (snapshot != null) {
                cli(env, "", "snapshot", "rm", snapshot);
            }
            // Not asserted: a failed clean-up must not hide the failure that led here (the TTLs remain)
            for (String id : made) {
                cli(env, "", "env", "rm", id);
            }
        }
        for (Run run : runs) {
            assertFalse(run.out().contains(tenant.apiKey()) || run.err().contains(tenant.apiKey()),
                    "the API key is printed nowhere: " + run);
        }
    }

    private static String idOf(Run run) {
        Matcher id = ID.matcher(run.out());
        assertTrue(id.find(), "stdout names the environment: " + run);
        return id.group(1);
    }

    /** A client of the environment's Redis, from what {@code env creds --format json} prints. */
    private Jedis redisOf(Map<String, String> env, String environmentId) throws Exception {
        Run credentials = cli(env, "", "env", "creds", environmentId, "--format", "json");
        assertEquals(0, credentials.exitCode(), credentials.toString());
        return new Jedis(URI.create(JSON.readTree(credentials.out()).path("services").path("redis").path("url").asText()));
    }

    /** Lines by the JVM itself (JAVA_TOOL_OPTIONS, say) may precede it: the CLI's own is one line. */
    private static void assertOneLineError(Run run) {
        assertEquals(1, run.err().lines().filter(line -> line.startsWith("mockfactory: ")).count(), run.toString());
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception:"), "no stack trace: " + run);
    }

    private static Run record(List<Run> runs, Run run) {
        runs.add(run);
        return run;
    }

    /** One CLI process: this test's config home and variables only, not whatever the test runner's shell had. */
    private Run cli(Map<String, String> variables, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ServiceJars.of("mockfactory-cli").toString()));
        command.addAll(List.of(args));
        // Files rather than pipes: nothing can block on a full pipe while the test waits for the exit
        Path out = Files.createTempFile(outputs, "out", ".txt");
        Path err = Files.createTempFile(outputs, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MOCKFACTORY_"));
        builder.environment().put("XDG_CONFIG_HOME", configHome.toString());
        builder.environment().putAll(variables);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(240, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mockfactory " + String.join(" ", args) + " did not end");
        }
        return new Run(List.of(args), process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
