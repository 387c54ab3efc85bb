package io.mockfactory.cli.env;

import io.mockfactory.cli.CliContext;
import io.mockfactory.client.environment.Environments;
import picocli.CommandLine.Command;

/** {@code mockfactory env stop ID} */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop every service of an environment; its data is kept. Stopping a stopped one does nothing.")
public final class StopCommand extends TransitionCommand {
    public StopCommand(CliContext context) {
        super(context);
    }

    @Override
    String apply(Environments environments, String environmentId) {
        return environments.stop(environmentId);
    }
}
