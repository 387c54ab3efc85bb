package io.mockfactory.cli.env;

import io.mockfactory.cli.CliContext;
import io.mockfactory.client.environment.Environments;
import picocli.CommandLine.Command;

/** {@code mockfactory env rm ID} */
@Command(name = "rm", aliases = "destroy", mixinStandardHelpOptions = true,
        description = "Destroy an environment: its processes, ports, data and secrets are gone.")
public final class RemoveCommand extends TransitionCommand {
    public RemoveCommand(CliContext context) {
        super(context);
    }

    @Override
    String apply(Environments environments, String environmentId) {
        return environments.destroy(environmentId);
    }
}
