package io.mockfactory.kit.process;

/**
 * A service cannot start because of how it was deployed (a wrong password, a missing database or secret), not
 * because of a bug: {@link ServiceApplication} prints the message as one line and exits with {@code EX_CONFIG}
 * instead of logging a stack trace, so a crash-looping container says what to fix. The message must never contain
 * a secret.
 */
public class StartupFailure extends RuntimeException {
    public StartupFailure(String message) {
        super(message);
    }

    public StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first StartupFailure in {@code error}'s cause chain, however the container wrapped it, or null. */
    public static StartupFailure in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StartupFailure failure) {
                return failure;
            }
        }
        return null;
    }
}
