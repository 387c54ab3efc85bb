package io.mockfactory.cli.env;

import io.mockfactory.cli.CliContext;
import io.mockfactory.cli.ExitCodes;
import io.mockfactory.client.environment.Environment;
import io.mockfactory.client.environment.Environments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mockfactory env clone ID [--name N] [--wait [--timeout S]]} */
@Command(name = "clone", mixinStandardHelpOptions = true,
        description = {"Make a new environment with a copy of a running one's data, taken now without stopping it: the"
                + " same services and TTL, its own ports, passwords and S3 keys.",
                "It answers at once, still provisioning, unless --wait; with --wait, as env create --wait."})
public final class CloneCommand extends OneEnvironmentCommand {
    @Option(names = "--name", paramLabel = "NAME", description = "The clone's name (default: the source's, with -clone)")
    private String name;

    @Mixin
    private WaitOptions wait;

    public CloneCommand(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        wait.validate();
        Environments environments = context.client().environments();
        Environment clone = environments.clone(id, name);
        new EnvironmentPrinter(context.output()).print(wait.shown(context, environments, clone));
        return ExitCodes.OK;
    }
}
