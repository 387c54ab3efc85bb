package io.mockfactory.provisioner.instance;

/** @param tier the tier the environment was created under (null for rows from before tiers were recorded) */
public record ServiceInstance(String environmentId, String service, String userId, String version, String status,
                              Integer port, byte[] secret, Long pid, String tier) {

    /** What the password is bound to in the vault (the vault refuses to decrypt it for any other row). */
    public String secretBinding() {
        return binding(environmentId, service);
    }

    public static String binding(String environmentId, String service) {
        return environmentId + "/" + service;
    }
}
