package io.mockfactory.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** One in-process run of the CLI, with its own config home and variables, and what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(Path configHome, Map<String, String> variables, String stdin, String... args) {
        Map<String, String> environment = new HashMap<>(variables);
        environment.put("XDG_CONFIG_HOME", configHome.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // A short retry deadline: an unavailable answer is retried only briefly
        CliContext context = new CliContext(environment, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Duration.ofMillis(300), false);
        int exitCode = MockFactoryCli.run(context, args);
        return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static CliRun of(Path configHome, String... args) {
        return of(configHome, Map.of(), "", args);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
