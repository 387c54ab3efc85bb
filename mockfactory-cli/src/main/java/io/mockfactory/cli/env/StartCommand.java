package io.mockfactory.cli.env;

import io.mockfactory.cli.CliContext;
import io.mockfactory.client.environment.Environments;
import picocli.CommandLine.Command;

/** {@code mockfactory env start ID} */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start a stopped environment again, on the same ports and with its data.")
public final class StartCommand extends TransitionCommand {
    public StartCommand(CliContext context) {
        super(context);
    }

    @Override
    String apply(Environments environments, String environmentId) {
        return environments.start(environmentId);
    }
}
