package io.mockfactory.provisioner.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.mockfactory.provisioner.runtime.Activity;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import io.mockfactory.provisioner.runtime.RedisProtocol;
import io.mockfactory.provisioner.runtime.ResourceLimits;
import io.mockfactory.provisioner.runtime.RuntimeDriver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Instances as containers through the Docker API (DOCKER_HOST: an engine or a socket proxy): named
 * {@code mf-<environment>-<service>}, labelled with both, ports published on 127.0.0.1 only, the tier's memory, CPU
 * and process limits, and only images from the allow-list. The password reaches the container as a 0600 file copied in
 * before start, never through its command line or environment (both visible to anyone who can inspect it). Stop keeps
 * the container and its data; destroy removes both. Redis only, for now: it is the one image the test engine builds.
 */
public class DockerRuntimeDriver implements RuntimeDriver {
    static final String ENVIRONMENT_LABEL = "mockfactory.environment";
    static final String SERVICE_LABEL = "mockfactory.service";
    private static final Logger LOG = LoggerFactory.getLogger(DockerRuntimeDriver.class);
    private static final int REDIS_PORT = 6379;

    private final DockerClient docker;
    private final Map<String, String> images;
    private final Duration readinessTimeout;

    /** @param images the allow-list: service type → image; nothing else is ever run */
    public DockerRuntimeDriver(DockerClient docker, Map<String, String> images, Duration readinessTimeout) {
        this.docker = docker;
        this.images = Map.copyOf(images);
        this.readinessTimeout = readinessTimeout;
    }

    @Override
    public boolean supports(String service) {
        return "redis".equals(service) && images.containsKey(service);
    }

    static String containerName(String environmentId, String service) {
        return "mf-" + environmentId + "-" + service;
    }

    @Override
    public long start(InstanceSpec spec) throws Exception {
        String name = containerName(spec.environmentId(), spec.service());
        if (find(name) == null) {
            create(name, spec);
        }
        try {
            docker.startContainerCmd(name).exec();
        } catch (NotModifiedException alreadyRunning) {
            // started by an earlier attempt
        }
        Instant deadline = Instant.now().plus(readinessTimeout);
        while (Instant.now().isBefore(deadline)) {
            InspectContainerResponse state = docker.inspectContainerCmd(name).exec();
            if (!Boolean.TRUE.equals(state.getState().getRunning())) {
                throw new IllegalStateException(spec.service() + " container exited with code " + state.getState().getExitCodeLong());
            }
            if (RedisProtocol.answersPing(spec.port(), spec.password())) {
                return state.getState().getPidLong();
            }
            Thread.sleep(50);
        }
        docker.stopContainerCmd(name).withTimeout(5).exec();
        throw new IllegalStateException(spec.service() + " was not ready within " + readinessTimeout.toSeconds() + " s");
    }

    private void create(String name, InstanceSpec spec) throws IOException {
        ExposedPort exposed = ExposedPort.tcp(REDIS_PORT);
        Ports bindings = new Ports();
        bindings.bind(exposed, Ports.Binding.bindIpAndPort("127.0.0.1", spec.port()));
        HostConfig host = HostConfig.newHostConfig().withPortBindings(bindings);
        ResourceLimits limits = spec.limits();
        if (limits != null) {
            host.withMemory(limits.memoryBytes()).withNanoCPUs(limits.cpuMillis() * 1_000_000L).withPidsLimit((long) limits.pids());
        }
        byte[] config = configTar(spec.password());
        docker.createContainerCmd(images.get(spec.service())).withName(name)
                .withLabels(Map.of(ENVIRONMENT_LABEL, spec.environmentId(), SERVICE_LABEL, spec.service()))
                .withExposedPorts(exposed).withHostConfig(host).exec();
        try {
            docker.copyArchiveToContainerCmd(name).withRemotePath("/etc/mockfactory")
                    .withTarInputStream(new ByteArrayInputStream(config)).exec();
        } catch (RuntimeException e) {
            // A container without its configuration must not be found and started by the retry
            docker.removeContainerCmd(name).withForce(true).exec();
            throw e;
        }
        LOG.info("Created container {} from {}", name, images.get(spec.service()));
    }

    private static byte[] configTar(String password) throws IOException {
        byte[] config = String.join("\n", "port " + REDIS_PORT, "bind 0.0.0.0", "protected-mode no",
                "requirepass " + password, "dir /data", "appendonly yes", "save \"\"", "").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            TarArchiveEntry entry = new TarArchiveEntry("redis.conf");
            entry.setSize(config.length);
            entry.setMode(0600);
            out.putArchiveEntry(entry);
            out.write(config);
            out.closeArchiveEntry();
        }
        return tar.toByteArray();
    }

    @Override
    public void stop(String environmentId, String service, long pid) {
        try {
            docker.stopContainerCmd(containerName(environmentId, service)).withTimeout(10).exec();
        } catch (NotFoundException | NotModifiedException alreadyStopped) {
            // nothing to stop
        }
    }

    @Override
    public void destroy(String environmentId, String service, long pid) {
        try {
            docker.removeContainerCmd(containerName(environmentId, service)).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // already removed
        }
    }

    @Override
    public boolean isAlive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** A recorded pid is adopted only if it is still the main process of this instance's running container. */
    @Override
    public boolean adopt(String environmentId, String service, long pid) {
        InspectContainerResponse state = find(containerName(environmentId, service));
        return state != null && Boolean.TRUE.equals(state.getState().getRunning())
                && state.getState().getPidLong() != null && state.getState().getPidLong() == pid;
    }

    @Override
    public Activity activity(InstanceSpec spec) throws Exception {
        return RedisProtocol.activity(spec.port(), spec.password());
    }

    @Override
    public List<InstanceOnDisk> instancesOnDisk() {
        List<InstanceOnDisk> found = new ArrayList<>();
        for (Container container : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(ENVIRONMENT_LABEL)).exec()) {
            Map<String, String> labels = container.getLabels();
            found.add(new InstanceOnDisk(labels.get(ENVIRONMENT_LABEL), labels.get(SERVICE_LABEL)));
        }
        return found;
    }

    private InspectContainerResponse find(String name) {
        try {
            return docker.inspectContainerCmd(name).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }
}
