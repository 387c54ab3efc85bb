package io.mockfactory.provisioner.runtime;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.mockfactory.events.catalog.Availability;
import io.mockfactory.provisioner.runtime.docker.DockerClients;
import io.mockfactory.provisioner.runtime.docker.DockerRuntimeDriver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime the provisioner uses: {@code local} processes by default; with
 * {@code mockfactory.provisioner.runtime=docker}, containers for every service type the image allow-list names
 * ({@code mockfactory.provisioner.docker.images.<type>}, defaults below) and local processes for the others.
 */
@Primary
@Singleton
public class RuntimeDrivers implements RuntimeDriver {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeDrivers.class);

    /** The images deploy/docker-test-engine.sh builds; each can be replaced, or set empty to run that type locally. */
    private static final Map<String, String> DEFAULT_IMAGES = Map.of(
            "redis", "mockfactory/redis:7",
            "postgresql", "mockfactory/postgresql:15",
            "postgis", "mockfactory/postgresql:15",
            "postgresql_pgvector", "mockfactory/postgresql:15",
            "elasticmq", "mockfactory/elasticmq:1.7");

    private final LocalProcessDriver local;
    private final DockerRuntimeDriver docker;

    public RuntimeDrivers(LocalProcessDriver local, Environment environment,
                          @Value("${mockfactory.provisioner.runtime:local}") String runtime,
                          @Value("${mockfactory.provisioner.docker.host:`unix:///var/run/docker.sock`}") String dockerHost,
                          @Value("${mockfactory.provisioner.docker.network:}") String network,
                          @Value("${mockfactory.provisioner.readiness-timeout:30s}") Duration readinessTimeout) {
        this.local = local;
        if ("docker".equals(runtime)) {
            Map<String, String> images = new LinkedHashMap<>();
            DEFAULT_IMAGES.forEach((type, image) -> {
                String configured = environment.getProperty("mockfactory.provisioner.docker.images." + type, String.class).orElse(image);
                if (!configured.isBlank()) {
                    images.put(type, configured);
                }
            });
            this.docker = new DockerRuntimeDriver(DockerClients.connect(dockerHost), images, network, readinessTimeout);
            LOG.info("docker runtime at {} for {}{}; local processes for the other types", dockerHost,
                    images.keySet().stream().filter(docker::supports).sorted().toList(),
                    network.isBlank() ? "" : " on network " + network);
        } else {
            this.docker = null;
        }
    }

    private RuntimeDriver driverFor(String service) {
        return docker != null && docker.supports(service) ? docker : local;
    }

    @Override
    public long start(InstanceSpec spec) throws Exception {
        return driverFor(spec.service()).start(spec);
    }

    @Override
    public void stop(String environmentId, String service, long pid) throws Exception {
        driverFor(service).stop(environmentId, service, pid);
    }

    @Override
    public void destroy(String environmentId, String service, long pid) throws Exception {
        driverFor(service).destroy(environmentId, service, pid);
    }

    @Override
    public boolean isAlive(String environmentId, String service, long pid) {
        return driverFor(service).isAlive(environmentId, service, pid);
    }

    @Override
    public boolean adopt(String environmentId, String service, long pid) {
        return driverFor(service).adopt(environmentId, service, pid);
    }

    @Override
    public boolean supports(String service) {
        return driverFor(service).supports(service);
    }

    /** Only native processes are kept warm: a container's published port and password are fixed when it is made. */
    @Override
    public boolean keepsWarmInstances(String service) {
        return driverFor(service) == local && local.keepsWarmInstances(service);
    }

    @Override
    public void takeOver(InstanceSpec spec, long pid, String poolPassword) throws Exception {
        driverFor(spec.service()).takeOver(spec, pid, poolPassword);
    }

    @Override
    public boolean snapshots(String service) {
        return driverFor(service).snapshots(service);
    }

    @Override
    public long snapshot(InstanceSpec spec, long pid, java.nio.file.Path into) throws Exception {
        return driverFor(spec.service()).snapshot(spec, pid, into);
    }

    @Override
    public long snapshotStopped(InstanceSpec spec, java.nio.file.Path into) throws Exception {
        return driverFor(spec.service()).snapshotStopped(spec, into);
    }

    @Override
    public void restore(InstanceSpec spec, java.nio.file.Path from) throws Exception {
        driverFor(spec.service()).restore(spec, from);
    }

    @Override
    public void stageRedisDump(java.nio.file.Path rdb, java.nio.file.Path into) throws Exception {
        driverFor("redis").stageRedisDump(rdb, into);
    }

    /** Per type, the runtime that would serve it says what it can serve. */
    @Override
    public List<Availability> availability() {
        List<Availability> all = new ArrayList<>();
        if (docker != null) {
            all.addAll(docker.availability());
        }
        local.availability().stream().filter(version -> docker == null || !docker.supports(version.type())).forEach(all::add);
        return all;
    }

    @Override
    public Activity activity(InstanceSpec spec) throws Exception {
        return driverFor(spec.service()).activity(spec);
    }

    @Override
    public Endpoint endpoint(InstanceSpec spec) throws Exception {
        return driverFor(spec.service()).endpoint(spec);
    }

    @Override
    public List<InstanceOnDisk> instancesOnDisk() throws Exception {
        List<InstanceOnDisk> all = new ArrayList<>(local.instancesOnDisk());
        if (docker != null) {
            all.addAll(docker.instancesOnDisk());
        }
        return all;
    }
}
