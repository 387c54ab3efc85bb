package io.mockfactory.cli;

import io.mockfactory.client.error.AuthenticationException;
import io.mockfactory.client.error.MockFactoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * A failed command's one line on stderr, never a stack trace: the client's messages are the API's title and detail
 * with the request id, which never carry a secret, and the key is nowhere in them.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parsed) {
        commandLine.getErr().println("mockfactory: " + message(exception));
        commandLine.getErr().flush();
        return commandLine.getExitCodeExceptionMapper().getExitCode(exception);
    }

    static String message(Throwable exception) {
        if (exception instanceof AuthenticationException) {
            return exception.getMessage() + " Check the API key: `mockfactory login`, MOCKFACTORY_API_KEY or --api-key.";
        }
        if (exception instanceof MockFactoryException || exception instanceof CliException) {
            return exception.getMessage();
        }
        // Not foreseen, so its type says more than its message alone would
        return exception.getClass().getSimpleName() + (exception.getMessage() == null ? "" : ": " + exception.getMessage());
    }
}
