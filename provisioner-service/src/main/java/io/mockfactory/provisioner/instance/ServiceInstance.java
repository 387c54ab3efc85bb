package io.mockfactory.provisioner.instance;

/**
 * @param tier      the tier the environment was created under (null for rows from before tiers were recorded)
 * @param runtimeId the warm-pool server this instance was leased from, whose name the runtime keeps it under; null
 *                  when it was started for the environment
 */
public record ServiceInstance(String environmentId, String service, String userId, String version, String status,
                              Integer port, byte[] secret, Long pid, String tier, String runtimeId) {

    public ServiceInstance(String environmentId, String service, String userId, String version, String status,
                           Integer port, byte[] secret, Long pid, String tier) {
        this(environmentId, service, userId, version, status, port, secret, pid, tier, null);
    }

    /** The name the runtime knows the instance by (its directory, cgroup or container). */
    public String runtime() {
        return runtimeId != null ? runtimeId : environmentId;
    }

    /** What the password is bound to in the vault (the vault refuses to decrypt it for any other row). */
    public String secretBinding() {
        return binding(environmentId, service);
    }

    public static String binding(String environmentId, String service) {
        return environmentId + "/" + service;
    }
}
