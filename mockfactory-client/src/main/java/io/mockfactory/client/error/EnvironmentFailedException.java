package io.mockfactory.client.error;

/** The environment ended up {@code failed} (or was destroyed) while the client waited for it to run. */
public class EnvironmentFailedException extends MockFactoryException {
    private final String environmentId;

    public EnvironmentFailedException(String environmentId, String status, String lastError) {
        super(0, null, "Environment " + environmentId + " is " + status
                + (lastError == null ? "" : ": " + lastError), null);
        this.environmentId = environmentId;
    }

    public String environmentId() {
        return environmentId;
    }
}
