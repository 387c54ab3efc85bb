package io.mockfactory.e2e;

import io.mockfactory.localstack.FreePorts;
import io.mockfactory.localstack.StackService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/** {@code ./mockfactory up}'s JVM, as the launcher script starts it, on ports and a state directory of a test's own. */
final class Launcher {
    private Launcher() {
    }

    /** Completes with true once the launcher says the stack is up (false if it exits first); drains its output. */
    static java.util.concurrent.CompletableFuture<Boolean> up(Process launcher, StringBuffer output) {
        java.util.concurrent.CompletableFuture<Boolean> up = new java.util.concurrent.CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                    launcher.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.contains("MockFactory is up")) {
                        up.complete(true);
                    }
                }
            } catch (java.io.IOException e) {
                output.append("(output closed: ").append(e.getMessage()).append(")\n");
            }
            up.complete(false);
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();
        return up;
    }

    /** Every port the stack binds, free ones, and its state in {@code home}. */
    static Map<String, String> environment(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("MOCKFACTORY_HOME", home.toString());
        env.put("MOCKFACTORY_REPO_ROOT", ServiceJars.repoRoot().toString());
        env.put("MOCKFACTORY_KAFKA_PORT", String.valueOf(FreePorts.pick()));
        env.put("MOCKFACTORY_KAFKA_CONTROLLER_PORT", String.valueOf(FreePorts.pick()));
        env.put("MOCKFACTORY_POSTGRES_PORT", String.valueOf(FreePorts.pick()));
        env.put("MOCKFACTORY_S3_PORT", String.valueOf(FreePorts.pick()));
        for (StackService service : StackService.ALL) {
            env.put(service.portVariable(), String.valueOf(FreePorts.pick()));
        }
        return env;
    }

    static Process start(Map<String, String> env, String... options) throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(javaBin.toString(), "-Xmx768m",
                "-XX:+UseSerialGC", "-Dlogback.configurationFile=logback-launcher.xml", "-cp",
                ServiceJars.repoRoot().resolve("local-stack/target/local-stack.jar") + ":"
                        + ServiceJars.repoRoot().resolve("local-stack/target/lib") + "/*",
                "io.mockfactory.localstack.LocalStackLauncher"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder.start();
    }
}
