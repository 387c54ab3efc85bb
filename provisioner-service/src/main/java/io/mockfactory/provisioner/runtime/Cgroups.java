package io.mockfactory.provisioner.runtime;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Confines a local instance (its process and every process it forked) in cgroup v1 groups under
 * {@code <root>/{memory,cpu,pids}/mockfactory/<environment>-<service>}. Where the hierarchy is missing or not writable
 * (cgroup v2 only, no privileges) the instance runs unconfined and this says so once.
 */
@Singleton
public class Cgroups {
    private static final Logger LOG = LoggerFactory.getLogger(Cgroups.class);
    private static final long CPU_PERIOD_US = 100_000;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]+");

    private final Path root;
    private final boolean enabled;
    private volatile boolean warned;

    public Cgroups(@Value("${mockfactory.provisioner.local.cgroup-root:/sys/fs/cgroup}") String root,
                   @Value("${mockfactory.provisioner.local.cgroups:true}") boolean enabled) {
        this.root = Path.of(root);
        this.enabled = enabled;
    }

    public boolean available() {
        return enabled && List.of("memory", "cpu", "pids").stream()
                .allMatch(controller -> Files.isWritable(root.resolve(controller)));
    }

    /** @return whether the limits now apply to {@code pid} and its descendants */
    public boolean confine(String runtimeId, String service, long pid, ResourceLimits limits) {
        if (limits == null || !available()) {
            if (enabled && !warned) {
                warned = true;
                LOG.warn("cgroup v1 controllers are not writable under {}: instances run without memory/CPU/pids limits", root);
            }
            return false;
        }
        try {
            List<Long> members = new ArrayList<>();
            members.add(pid);
            ProcessHandle.of(pid).ifPresent(process -> process.descendants().forEach(child -> members.add(child.pid())));
            Path memory = group("memory", runtimeId, service);
            write(memory.resolve("memory.limit_in_bytes"), limits.memoryBytes());
            Path cpu = group("cpu", runtimeId, service);
            write(cpu.resolve("cpu.cfs_period_us"), CPU_PERIOD_US);
            write(cpu.resolve("cpu.cfs_quota_us"), CPU_PERIOD_US * limits.cpuMillis() / 1000);
            Path pids = group("pids", runtimeId, service);
            write(pids.resolve("pids.max"), limits.pids());
            for (Path group : List.of(memory, cpu, pids)) {
                for (long member : members) {
                    write(group.resolve("cgroup.procs"), member);
                }
            }
            return true;
        } catch (IOException e) {
            LOG.warn("Could not confine {} of {} in cgroups: {}", service, runtimeId, e.toString());
            return false;
        }
    }

    /** Removes the instance's (by now empty) groups; harmless if they are gone or were never made. */
    public void release(String runtimeId, String service) {
        for (String controller : List.of("memory", "cpu", "pids")) {
            try {
                Files.deleteIfExists(path(controller, runtimeId, service));
            } catch (IOException e) {
                LOG.debug("cgroup {} of {} not removed yet: {}", controller, runtimeId, e.toString());
            }
        }
    }

    Path path(String controller, String runtimeId, String service) {
        String name = runtimeId + "-" + service;
        if (!SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a cgroup name: " + name);
        }
        return root.resolve(controller).resolve("mockfactory").resolve(name);
    }

    private Path group(String controller, String runtimeId, String service) throws IOException {
        return Files.createDirectories(path(controller, runtimeId, service));
    }

    private static void write(Path file, long value) throws IOException {
        Files.writeString(file, String.valueOf(value));
    }
}
