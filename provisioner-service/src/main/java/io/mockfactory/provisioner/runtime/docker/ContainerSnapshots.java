package io.mockfactory.provisioner.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import io.mockfactory.provisioner.runtime.Endpoint;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Snapshots of containers' data: one tar per service ({@value #ARCHIVE}), written as {@link ContainerData} copies it
 * out and given as it is to the new container's restore directory.
 */
final class ContainerSnapshots {
    static final String ARCHIVE = "container.tar";
    /**
     * The engine writes a file that shrinks while it is archived short, and the archive breaks there (a table
     * truncated by VACUUM, say): the copy is then made again, from a new backup.
     */
    private static final int ATTEMPTS = 3;
    private static final ContainerData POSTGRES = new PostgresContainerData();
    private static final Map<String, ContainerData> BY_SERVICE = Map.of("redis", new RedisContainerData(),
            "postgresql", POSTGRES, "postgis", POSTGRES, "postgresql_pgvector", POSTGRES,
            "elasticmq", new ElasticMqContainerData());
    private static final Logger LOG = LoggerFactory.getLogger(ContainerSnapshots.class);

    private ContainerSnapshots() {
    }

    static boolean copies(String service) {
        return BY_SERVICE.containsKey(service);
    }

    /** @return the copy's size in bytes */
    static long take(DockerClient docker, String container, Endpoint address, InstanceSpec spec, Path into) throws Exception {
        ContainerData data = BY_SERVICE.get(spec.service());
        Files.createDirectories(into);
        Path archive = into.resolve(ARCHIVE);
        for (int attempt = 1; ; attempt++) {
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(new BufferedOutputStream(Files.newOutputStream(archive)))) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                data.copyOut(docker, container, address, spec, out);
            } catch (IOException broken) {
                if (attempt == ATTEMPTS) {
                    throw broken;
                }
                LOG.warn("Copying {} out of {} broke off ({}); copying it again", spec.service(), container, broken.toString());
                continue;
            }
            return Files.size(archive);
        }
    }

    /** Into a created container that was never started: its first start serves the snapshot's data. */
    static void restore(DockerClient docker, String container, String service, Path from) throws Exception {
        Path archive = from.resolve(ARCHIVE);
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the snapshot's copy of " + service + " was made by another runtime than the"
                    + " docker runtime, which this deployment runs " + service + " in");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
            docker.copyArchiveToContainerCmd(container).withRemotePath(BY_SERVICE.get(service).restoreDir())
                    .withTarInputStream(in).exec();
        }
    }
}
