package io.mockfactory.provisioner.runtime;

/** What a driver needs to run one service: where, on which port, with which password. */
public record InstanceSpec(String environmentId, String service, String version, int port, String password) {
    @Override
    public String toString() {
        return "InstanceSpec[" + environmentId + "/" + service + " " + version + " on " + port + "]";
    }
}
