package io.mockfactory.e2e;

import io.mockfactory.localstack.FreePorts;
import io.mockfactory.localstack.StackService;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** {@code ./mockfactory up}'s JVM, as the launcher script starts it, on ports and a state directory of a test's own. */
final class Launcher {
    private Launcher() {
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

    static Process start(Map<String, String> env) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx768m", "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=logback-launcher.xml", "-cp",
                ServiceJars.repoRoot().resolve("local-stack/target/local-stack.jar") + ":"
                        + ServiceJars.repoRoot().resolve("local-stack/target/lib") + "/*",
                "io.mockfactory.localstack.LocalStackLauncher")
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder.start();
    }
}
