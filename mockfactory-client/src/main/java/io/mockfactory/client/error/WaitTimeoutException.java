package io.mockfactory.client.error;

import java.time.Duration;

/**
 * What the client waited for (an environment to run, a snapshot to be ready) had not happened when its wait was over;
 * it may yet.
 */
public class WaitTimeoutException extends MockFactoryException {
    public WaitTimeoutException(String environmentId, String status, Duration waited) {
        this("Environment", environmentId, status, waited);
    }

    /** @param what what {@code id} is, as the message names it: {@code Environment}, {@code Snapshot} */
    public WaitTimeoutException(String what, String id, String status, Duration waited) {
        super(0, null, what + " " + id + " is still " + status + " after " + waited.toSeconds() + " s", null);
    }
}
