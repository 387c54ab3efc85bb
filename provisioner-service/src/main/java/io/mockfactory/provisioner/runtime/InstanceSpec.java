package io.mockfactory.provisioner.runtime;

/** What a driver needs to run one service: where, on which port, with which password, within which limits. */
public record InstanceSpec(String environmentId, String service, String version, int port, String password,
                           ResourceLimits limits) {
    @Override
    public String toString() {
        return "InstanceSpec[" + environmentId + "/" + service + " " + version + " on " + port + "]";
    }
}
