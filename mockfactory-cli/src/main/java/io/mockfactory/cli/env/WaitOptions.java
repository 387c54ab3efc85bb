package io.mockfactory.cli.env;

import io.mockfactory.cli.CliContext;
import io.mockfactory.client.environment.Environment;
import io.mockfactory.client.environment.Environments;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;

/**
 * {@code --wait [--timeout S]}, shared by the commands that make an environment ({@code create}, {@code clone}) so
 * that both wait, and show their progress, the same way.
 */
public final class WaitOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--wait", description = "Wait until it runs, showing progress on stderr")
    private boolean await;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180",
            description = "How long --wait waits (default: ${DEFAULT-VALUE})")
    private int timeoutSeconds;

    /** A usage error (exit 2) before any call. */
    void validate() {
        if (timeoutSeconds <= 0) {
            throw new ParameterException(command.commandLine(), "--timeout must be at least 1 second");
        }
    }

    /**
     * What to print of an environment just asked for: itself without {@code --wait}; with it, the environment once it
     * runs. Even one created running goes through the wait, which answers at once then, so the progress line always
     * ends.
     */
    Environment shown(CliContext context, Environments environments, Environment created) {
        if (!await) {
            return created;
        }
        try (ProgressLine progress = new ProgressLine(created.id(), context.err(), context.interactive())) {
            Environment running = environments.awaitRunningWithEvents(created.id(), Duration.ofSeconds(timeoutSeconds),
                    progress::accept);
            progress.finish(running.status());
            return running;
        }
    }
}
