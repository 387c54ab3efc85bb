package io.mockfactory.provisioner.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.mockfactory.provisioner.runtime.Activity;
import io.mockfactory.provisioner.runtime.Endpoint;
import io.mockfactory.provisioner.runtime.InstanceSpec;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import io.mockfactory.events.catalog.Availability;
import io.mockfactory.events.catalog.ServiceType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Instances as containers through the Docker API (DOCKER_HOST: an engine or a socket proxy): named
 * {@code mf-<environment>-<service>}, labelled with both, ports published on 127.0.0.1 only, the tier's memory, CPU
 * (once ready) and process limits, and only images from the allow-list. Secrets reach a container as 0600 files copied in before
 * its first start, never through its command line or environment (both visible to anyone who can inspect it). Stop
 * keeps the container and its data; destroy removes both.
 *
 * <p>Where this service reaches the servers: by default the published port on 127.0.0.1 (the service runs on the
 * engine's host); with {@code network} set (the service itself runs in a container, as in docker-compose.yml),
 * instances join that network and are reached at their address there on the server's own port.
 */
public class DockerRuntimeDriver implements RuntimeDriver {
    static final String ENVIRONMENT_LABEL = "mockfactory.environment";
    static final String SERVICE_LABEL = "mockfactory.service";
    private static final String CONFIG_DIR = "/etc/mockfactory";
    private static final long CPU_PERIOD_MICROS = 100_000;
    private static final long UNLIMITED = -1;
    private static final Duration LISTING_REUSE = Duration.ofMillis(500);
    private static final Duration EXIT_CHECK = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(DockerRuntimeDriver.class);

    private final DockerClient docker;
    private final Map<String, String> images;
    private final String network;
    private final Duration readinessTimeout;
    private final AtomicReference<RunningContainers> running = new AtomicReference<>();

    /**
     * @param images  the allow-list: service type → image; nothing else is ever run
     * @param network the network instances join and are reached on; null to reach them on their published ports
     */
    public DockerRuntimeDriver(DockerClient docker, Map<String, String> images, String network, Duration readinessTimeout) {
        this.docker = docker;
        this.images = Map.copyOf(images);
        this.network = network == null || network.isBlank() ? null : network;
        this.readinessTimeout = readinessTimeout;
    }

    @Override
    public boolean supports(String service) {
        return images.containsKey(service) && ContainerRecipes.BY_SERVICE.containsKey(service);
    }

    static String containerName(String environmentId, String service) {
        return "mf-" + environmentId + "-" + service;
    }

    @Override
    public long start(InstanceSpec spec) throws Exception {
        ContainerRecipe recipe = recipe(spec.service());
        String name = containerName(spec.runtimeId(), spec.service());
        InspectContainerResponse existing = find(name);
        if (existing == null) {
            create(name, recipe, spec);
        } else if (existing.getHostConfig().getCpuQuota() != null && existing.getHostConfig().getCpuQuota() > 0) {
            docker.updateContainerCmd(name).withCpuQuota(UNLIMITED).exec();
        }
        try {
            docker.startContainerCmd(name).exec();
        } catch (NotModifiedException alreadyRunning) {
            // started by an earlier attempt
        }
        // The main pid and the network address are fixed once started: the engine is asked again only to notice an exit
        InspectContainerResponse started = runningState(name, spec);
        Endpoint address = address(started, recipe, spec);
        Instant deadline = Instant.now().plus(readinessTimeout);
        Instant nextExitCheck = Instant.now().plus(EXIT_CHECK);
        while (Instant.now().isBefore(deadline)) {
            if (recipe.ready(address.host(), address.port(), spec)) {
                limitCpu(name, spec.limits());
                return started.getState().getPidLong();
            }
            if (Instant.now().isAfter(nextExitCheck)) {
                runningState(name, spec);
                nextExitCheck = Instant.now().plus(EXIT_CHECK);
            }
            Thread.sleep(50);
        }
        docker.stopContainerCmd(name).withTimeout(5).exec();
        throw new IllegalStateException(spec.service() + " was not ready within " + readinessTimeout.toSeconds() + " s");
    }

    private InspectContainerResponse runningState(String name, InstanceSpec spec) {
        InspectContainerResponse state = docker.inspectContainerCmd(name).exec();
        if (!Boolean.TRUE.equals(state.getState().getRunning())) {
            throw new IllegalStateException(spec.service() + " container exited with code " + state.getState().getExitCodeLong());
        }
        return state;
    }

    private void create(String name, ContainerRecipe recipe, InstanceSpec spec) throws IOException {
        ExposedPort exposed = ExposedPort.tcp(recipe.containerPort());
        Ports bindings = new Ports();
        bindings.bind(exposed, Ports.Binding.bindIpAndPort("127.0.0.1", spec.port()));
        HostConfig host = HostConfig.newHostConfig().withPortBindings(bindings);
        if (network != null) {
            host.withNetworkMode(network);
        }
        ResourceLimits limits = spec.limits();
        if (limits != null) {
            host.withMemory(limits.memoryBytes()).withPidsLimit((long) limits.pids());
        }
        byte[] config = tar(recipe.configFiles(spec));
        docker.createContainerCmd(images.get(spec.service())).withName(name)
                .withLabels(Map.of(ENVIRONMENT_LABEL, spec.runtimeId(), SERVICE_LABEL, spec.service()))
                .withEnv(recipe.environment()).withExposedPorts(exposed).withHostConfig(host).exec();
        try {
            docker.copyArchiveToContainerCmd(name).withRemotePath(CONFIG_DIR)
                    .withTarInputStream(new ByteArrayInputStream(config)).exec();
        } catch (RuntimeException e) {
            // A container without its configuration must not be found and started by the retry
            docker.removeContainerCmd(name).withForce(true).exec();
            throw e;
        }
        LOG.info("Created container {} from {}", name, images.get(spec.service()));
    }

    /**
     * The tier's CPU share applies once the server is ready, as with the local driver: a start-up (a JVM's above all)
     * at half a CPU takes twice as long, and nobody is served until it is over. Memory and pids apply from the start.
     */
    private void limitCpu(String name, ResourceLimits limits) {
        if (limits != null) {
            docker.updateContainerCmd(name).withCpuPeriod(CPU_PERIOD_MICROS).withCpuQuota(limits.cpuMillis() * CPU_PERIOD_MICROS / 1000).exec();
        }
    }

    private static byte[] tar(List<ContainerRecipe.ConfigFile> files) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            for (ContainerRecipe.ConfigFile file : files) {
                byte[] content = file.content().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.name());
                entry.setSize(content.length);
                entry.setMode(file.mode());
                out.putArchiveEntry(entry);
                out.write(content);
                out.closeArchiveEntry();
            }
        }
        return tar.toByteArray();
    }

    @Override
    public void stop(String environmentId, String service, long pid) {
        try {
            docker.stopContainerCmd(containerName(environmentId, service)).withTimeout(10).exec();
        } catch (NotFoundException | NotModifiedException alreadyStopped) {
            // nothing to stop
        } finally {
            running.set(null);
        }
    }

    @Override
    public void destroy(String environmentId, String service, long pid) {
        try {
            docker.removeContainerCmd(containerName(environmentId, service)).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // already removed
        } finally {
            running.set(null);
        }
    }

    @Override
    public boolean snapshots(String service) {
        return supports(service) && ContainerSnapshots.copies(service);
    }

    @Override
    public long snapshot(InstanceSpec spec, long pid, Path into) throws Exception {
        if (!adopt(spec.runtimeId(), spec.service(), pid)) {
            throw new IllegalStateException(spec.service() + " is not running");
        }
        return ContainerSnapshots.take(docker, containerName(spec.runtimeId(), spec.service()), endpoint(spec), spec, into);
    }

    @Override
    public long snapshotStopped(InstanceSpec spec, Path into) throws Exception {
        String name = containerName(spec.runtimeId(), spec.service());
        InspectContainerResponse state = find(name);
        if (state == null) {
            throw new IllegalStateException(spec.service() + " has no container to copy");
        }
        if (Boolean.TRUE.equals(state.getState().getRunning())) {
            throw new IllegalStateException(spec.service() + " is still running");
        }
        return ContainerSnapshots.takeStopped(docker, name, spec.service(), into);
    }

    /**
     * A container created as for any first start (with {@code spec}'s password), given the snapshot's data before
     * {@link #start} starts it.
     */
    @Override
    public void restore(InstanceSpec spec, Path from) throws Exception {
        String name = containerName(spec.runtimeId(), spec.service());
        if (find(name) == null) {
            create(name, recipe(spec.service()), spec);
        }
        ContainerSnapshots.restore(docker, name, spec.service(), from);
    }

    @Override
    public void stageRedisDump(Path rdb, Path into) throws Exception {
        ContainerSnapshots.stageRedisDump(rdb, into);
    }

    /**
     * Asked of the engine, not of /proc: this service may run in another pid namespace than the containers. A liveness
     * pass asks this of every running instance in a row, so one listing of running containers answers them all; an
     * instance missing from it is checked on its own (it may have started after the listing).
     */
    @Override
    public boolean isAlive(String environmentId, String service, long pid) {
        return runningContainers().contains(containerName(environmentId, service)) || adopt(environmentId, service, pid);
    }

    private Set<String> runningContainers() {
        RunningContainers seen = running.get();
        if (seen == null || seen.at().isBefore(Instant.now().minus(LISTING_REUSE))) {
            Set<String> names = new HashSet<>();
            for (Container container : docker.listContainersCmd().withLabelFilter(List.of(ENVIRONMENT_LABEL)).exec()) {
                for (String name : container.getNames()) {
                    names.add(name.startsWith("/") ? name.substring(1) : name);
                }
            }
            seen = new RunningContainers(Instant.now(), names);
            running.set(seen);
        }
        return seen.names();
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
        ContainerRecipe recipe = recipe(spec.service());
        Endpoint address = address(runningState(containerName(spec.runtimeId(), spec.service()), spec), recipe, spec);
        return recipe.activity(address.host(), address.port(), spec);
    }

    @Override
    public Endpoint endpoint(InstanceSpec spec) {
        return address(runningState(containerName(spec.runtimeId(), spec.service()), spec), recipe(spec.service()), spec);
    }

    /**
     * The version each allowed image serves, if the engine holds the image; the type's other versions are missing
     * here (in docker mode a type runs in containers only, so that every step of an instance finds the same runtime).
     */
    @Override
    public List<Availability> availability() {
        List<Availability> all = new ArrayList<>();
        for (ServiceType type : ServiceType.values()) {
            if (!supports(type.wireName())) {
                continue;
            }
            String image = images.get(type.wireName());
            String served = ContainerRecipes.SERVED_VERSION.get(type.wireName());
            boolean present = imagePresent(image);
            for (String version : type.versions()) {
                if (!version.equals(served)) {
                    all.add(Availability.missing(type.wireName(), version, "the docker runtime's image " + image + " serves "
                            + type.wireName() + " " + served + " only", "ask for version " + served));
                } else if (present) {
                    all.add(Availability.served(type.wireName(), version, "docker"));
                } else {
                    all.add(Availability.missing(type.wireName(), version, "the Docker engine has no image " + image,
                            "build it into the engine: deploy/build-instance-images.sh"));
                }
            }
        }
        return all;
    }

    /**
     * Only the engine's "no such image" means absent: a timeout or a refused connection says nothing about the image,
     * and reporting it missing would refuse creates until the next probe (the catalog keeps what it knew instead).
     */
    private boolean imagePresent(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException notThere) {
            return false;
        }
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

    private ContainerRecipe recipe(String service) {
        if (!supports(service)) {
            throw new IllegalArgumentException("the docker runtime has no allowed image for " + service);
        }
        return ContainerRecipes.BY_SERVICE.get(service);
    }

    /** Where this service reaches a running container's server. */
    private Endpoint address(InspectContainerResponse state, ContainerRecipe recipe, InstanceSpec spec) {
        if (network == null) {
            return new Endpoint("127.0.0.1", spec.port());
        }
        ContainerNetwork attached = state.getNetworkSettings().getNetworks().get(network);
        if (attached == null || attached.getIpAddress() == null || attached.getIpAddress().isEmpty()) {
            throw new IllegalStateException(spec.service() + " container has no address on network " + network);
        }
        return new Endpoint(attached.getIpAddress(), recipe.containerPort());
    }

    private InspectContainerResponse find(String name) {
        try {
            return docker.inspectContainerCmd(name).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private record RunningContainers(Instant at, Set<String> names) {
    }
}
