package io.mockfactory.provisioner.instance;

public record ServiceInstance(String environmentId, String service, String userId, String version, String status,
                              Integer port, byte[] secret, Long pid) {

    /** What the password is bound to in the vault. */
    public String secretBinding() {
        return environmentId + "/" + service;
    }
}
