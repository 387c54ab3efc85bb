package io.mockfactory.client.error;

/**
 * The snapshot ended up {@code failed} (or was deleted) while the client waited for it to be ready; a failed snapshot
 * holds nothing and counts toward the quota until deleted. The message carries the API's {@code last_error}.
 */
public class SnapshotFailedException extends MockFactoryException {
    private final String snapshotId;
    private final String lastError;

    public SnapshotFailedException(String snapshotId, String status, String lastError) {
        super(0, null, "Snapshot " + snapshotId + " is " + status + (lastError == null ? "" : ": " + lastError), null);
        this.snapshotId = snapshotId;
        this.lastError = lastError;
    }

    public String snapshotId() {
        return snapshotId;
    }

    /** Why it failed, as the API says; null when it gave no reason. */
    public String lastError() {
        return lastError;
    }
}
