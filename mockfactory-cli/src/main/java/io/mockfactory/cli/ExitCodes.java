package io.mockfactory.cli;

import io.mockfactory.client.error.EnvironmentFailedException;
import io.mockfactory.client.error.MockFactoryException;
import io.mockfactory.client.error.SnapshotFailedException;
import io.mockfactory.client.error.UnavailableException;
import io.mockfactory.client.error.WaitTimeoutException;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;

/** What a failed command exits with, so scripts can tell a mistake of theirs from MockFactory being down. */
public final class ExitCodes implements IExitCodeExceptionMapper {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    /** picocli's own code for bad options and arguments */
    public static final int USAGE = 2;
    public static final int API_ERROR = 3;
    public static final int UNAVAILABLE = 4;
    public static final int ENVIRONMENT_FAILED = 5;

    @Override
    public int getExitCode(Throwable exception) {
        // picocli asks this mapper about bad options too, once one is set: they keep its usual 2
        if (exception instanceof ParameterException) {
            return USAGE;
        }
        if (exception instanceof CliException) {
            return ((CliException) exception).exitCode();
        }
        // Before MockFactoryException: these are its subclasses, about the environment or snapshot rather than the call
        if (exception instanceof EnvironmentFailedException || exception instanceof SnapshotFailedException
                || exception instanceof WaitTimeoutException) {
            return ENVIRONMENT_FAILED;
        }
        if (exception instanceof UnavailableException || (exception instanceof MockFactoryException
                && isUnavailable(((MockFactoryException) exception).status()))) {
            return UNAVAILABLE;
        }
        if (exception instanceof MockFactoryException) {
            return API_ERROR;
        }
        return FAILURE;
    }

    private static boolean isUnavailable(int status) {
        return status == 502 || status == 503 || status == 504;
    }
}
