package io.mockfactory.storage.s3.auth;

import java.util.Optional;

/** Who an access key id belongs to: the data plane's view of the control plane's key pairs. */
public interface AccessKeyDirectory {

    Optional<AccessKey> find(String accessKeyId);

    /** @param active false while the environment is stopped: its keys are refused, its data kept */
    record AccessKey(String accessKeyId, String secret, String environmentId, String region, boolean active) {
        @Override
        public String toString() {
            return "AccessKey[" + accessKeyId + ", environment " + environmentId + "]";
        }
    }
}
