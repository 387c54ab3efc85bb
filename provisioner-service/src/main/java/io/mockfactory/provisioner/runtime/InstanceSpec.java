package io.mockfactory.provisioner.runtime;

/**
 * What a driver needs to run one service: where, on which port, with which password, within which limits.
 *
 * @param runtimeId the name the runtime keeps the instance under (its directory, cgroup, container): the environment
 *                  id, or the id of the warm-pool instance the environment leased, which keeps its name for life
 */
public record InstanceSpec(String runtimeId, String service, String version, int port, String password,
                           ResourceLimits limits) {
    @Override
    public String toString() {
        return "InstanceSpec[" + runtimeId + "/" + service + " " + version + " on " + port + "]";
    }
}
