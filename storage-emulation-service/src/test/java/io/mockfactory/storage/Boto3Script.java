package io.mockfactory.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs one of the boto3 scripts under test resources {@code boto3/} with Debian's Python and boto3 (the package
 * python3-boto3, which .ci/run installs), against a data plane: boto3 parses and retries differently from the Java
 * SDK, which is why some features are checked with both. A script fails by raising; its output is the report.
 */
final class Boto3Script {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private Boto3Script() {
    }

    /** @param environment what the script reads (ENDPOINT, KEY_ID, SECRET, …) */
    static String run(String script, Map<String, String> environment) throws Exception {
        assertTrue(Files.isExecutable(PYTHON), "Debian's python3 with python3-boto3 is needed (.ci/run installs it)");
        Path file = Path.of("src/test/resources/boto3", script).toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), file.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(environment);
        // No instance metadata lookups, no config files of the machine's user
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the script " + script + " did not finish");
        assertEquals(0, process.exitValue(), script + " failed:\n" + output);
        return output;
    }
}
