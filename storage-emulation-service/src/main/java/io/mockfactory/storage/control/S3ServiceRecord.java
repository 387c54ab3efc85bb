package io.mockfactory.storage.control;

import io.mockfactory.events.status.ServiceStatus;

/** An environment's aws_s3 service: its key pair (secret encrypted) and whether its keys are accepted. */
public record S3ServiceRecord(String environmentId, String userId, String accessKeyId, byte[] secret, String region,
                             String status) {
    public static final String PROVISIONING = ServiceStatus.PROVISIONING.wireName();
    public static final String RUNNING = ServiceStatus.RUNNING.wireName();
    public static final String STOPPED = ServiceStatus.STOPPED.wireName();
    public static final String DESTROYED = ServiceStatus.DESTROYED.wireName();
    public static final String FAILED = ServiceStatus.FAILED.wireName();

    /** What the secret's encryption is bound to, so a ciphertext cannot be moved to another row. */
    public static String binding(String environmentId) {
        return environmentId + "/aws_s3";
    }

    @Override
    public String toString() {
        return "S3ServiceRecord[" + environmentId + ", " + accessKeyId + ", " + status + "]";
    }
}
