package io.mockfactory.provisioner.instance;

/**
 * @param tier       the tier the environment was created under (null for rows from before tiers were recorded)
 * @param runtimeId  the warm-pool instance this one was leased from, whose name the runtime keeps it under; null when
 *                   it was started for the environment
 * @param poolSecret the pool's password, encrypted, while the environment's has not yet replaced it; else null
 */
public record ServiceInstance(String environmentId, String service, String userId, String version, String status,
                              Integer port, byte[] secret, Long pid, String tier, String runtimeId, byte[] poolSecret) {

    public ServiceInstance(String environmentId, String service, String userId, String version, String status,
                           Integer port, byte[] secret, Long pid, String tier) {
        this(environmentId, service, userId, version, status, port, secret, pid, tier, null, null);
    }

    /** The name the runtime knows the instance by (its directory, cgroup or container). */
    public String runtime() {
        return runtimeId != null ? runtimeId : environmentId;
    }

    /** Leased from the warm pool and still running under the pool's password. */
    public boolean awaitsTakeOver() {
        return poolSecret != null;
    }

    /** What the password is bound to in the vault (the vault refuses to decrypt it for any other row). */
    public String secretBinding() {
        return binding(environmentId, service);
    }

    public static String binding(String environmentId, String service) {
        return environmentId + "/" + service;
    }
}
