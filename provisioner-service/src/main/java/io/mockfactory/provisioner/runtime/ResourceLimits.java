package io.mockfactory.provisioner.runtime;

/**
 * What one service instance may use: memory (bytes), CPU (thousandths of a core) and processes. Enforced by the
 * runtime: cgroups for the local driver where they are writable, container limits for a container driver.
 */
public record ResourceLimits(long memoryBytes, int cpuMillis, int pids) {
}
