package io.mockfactory.storage.control;

/** An environment's aws_s3 service: its key pair (secret encrypted) and whether its keys are accepted. */
public record S3ServiceRecord(String environmentId, String userId, String accessKeyId, byte[] secret, String region,
                             String status) {
    public static final String RUNNING = "running";
    public static final String STOPPED = "stopped";
    public static final String DESTROYED = "destroyed";

    /** What the secret's encryption is bound to, so a ciphertext cannot be moved to another row. */
    public static String binding(String environmentId) {
        return environmentId + "/aws_s3";
    }

    @Override
    public String toString() {
        return "S3ServiceRecord[" + environmentId + ", " + accessKeyId + ", " + status + "]";
    }
}
