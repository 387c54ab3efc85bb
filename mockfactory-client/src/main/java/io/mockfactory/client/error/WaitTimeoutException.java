package io.mockfactory.client.error;

/** The environment was still not running when the client's wait was over; it may yet become so. */
public class WaitTimeoutException extends MockFactoryException {
    public WaitTimeoutException(String environmentId, String status, java.time.Duration waited) {
        super(0, null, "Environment " + environmentId + " is still " + status + " after " + waited.toSeconds() + " s", null);
    }
}
