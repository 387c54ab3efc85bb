package io.mockfactory.cli;

import io.mockfactory.cli.env.EnvCommand;
import io.mockfactory.cli.login.LoginCommand;
import io.mockfactory.cli.login.LogoutCommand;
import io.mockfactory.cli.snapshot.SnapshotCommand;
import io.mockfactory.cli.upload.UploadCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** {@code mockfactory}: the command-line tool of MockFactory's REST API. */
@Command(name = "mockfactory", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {"Leases ephemeral test environments (Redis, PostgreSQL, S3...) from MockFactory.",
                "The URL and API key come from --url/--api-key, else MOCKFACTORY_URL/MOCKFACTORY_API_KEY, "
                        + "else `mockfactory login`'s config file."},
        subcommands = {LoginCommand.class, LogoutCommand.class, EnvCommand.class, SnapshotCommand.class,
                UploadCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:done",
                "1:an unexpected failure",
                "2:bad usage (an unknown option, a missing argument...)",
                "3:the API refused the call (an unknown id, a wrong key, a quota...)",
                "4:MockFactory is unavailable (unreachable, 502, 503, 504)",
                "5:the environment or snapshot failed, or a wait for it timed out"})
public final class MockFactoryCli implements Runnable {
    @Mixin
    private final GlobalOptions options;
    @Spec
    private CommandSpec spec;

    MockFactoryCli(CliContext context) {
        // The context's own instance, so the commands it hands out see what picocli parsed into it
        this.options = context.options();
    }

    public static void main(String[] args) {
        System.exit(run(CliContext.ofProcess(), args));
    }

    /** Runs one command line; @return its exit code (see {@link ExitCodes}) */
    public static int run(CliContext context, String... args) {
        return commandLine(context).execute(args);
    }

    static CommandLine commandLine(CliContext context) {
        return new CommandLine(new MockFactoryCli(context), new CommandFactory(context))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(context.out(), true))
                .setErr(new PrintWriter(context.err(), true))
                .setExecutionExceptionHandler(new ErrorReporter())
                .setExitCodeExceptionMapper(new ExitCodes());
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command");
    }
}
