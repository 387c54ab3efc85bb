package io.mockfactory.provisioner.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import io.mockfactory.provisioner.runtime.Endpoint;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
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
import java.util.function.Predicate;

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

    /** Of a stopped container: its files do not change meanwhile. @return the copy's size in bytes */
    static long takeStopped(DockerClient docker, String container, String service, Path into) throws Exception {
        Files.createDirectories(into);
        Path archive = into.resolve(ARCHIVE);
        try (TarArchiveOutputStream out = open(archive)) {
            BY_SERVICE.get(service).copyOutStopped(docker, container, out);
        }
        return Files.size(archive);
    }

    /**
     * Copies the entries of the container's archive of {@code path} that {@code keep} accepts (by name, which starts
     * with the last element of {@code path}) into {@code into} as they are: names, owners, modes.
     */
    static void copyEntries(DockerClient docker, String container, String path, TarArchiveOutputStream into,
                            Predicate<String> keep) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(docker.copyArchiveFromContainerCmd(container, path).exec())) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                if (keep.test(entry.getName())) {
                    into.putArchiveEntry(entry);
                    if (entry.isFile()) {
                        tar.transferTo(into);
                    }
                    into.closeArchiveEntry();
                }
            }
        }
    }

    private static TarArchiveOutputStream open(Path archive) throws IOException {
        TarArchiveOutputStream out = new TarArchiveOutputStream(new BufferedOutputStream(Files.newOutputStream(archive)));
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return out;
    }

    /** Of a running container. @return the copy's size in bytes */
    static long take(DockerClient docker, String container, Endpoint address, InstanceSpec spec, Path into) throws Exception {
        ContainerData data = BY_SERVICE.get(spec.service());
        Files.createDirectories(into);
        Path archive = into.resolve(ARCHIVE);
        for (int attempt = 1; ; attempt++) {
            try (TarArchiveOutputStream out = open(archive)) {
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

    /** An RDB file laid out as a running Redis container's snapshot is ({@link RedisContainerData#copyOut}). */
    static void stageRedisDump(Path rdb, Path into) throws IOException {
        Files.createDirectories(into);
        try (TarArchiveOutputStream out = open(into.resolve(ARCHIVE));
             InputStream in = new BufferedInputStream(Files.newInputStream(rdb))) {
            RedisContainerData.writeAsAofBase(in, Files.size(rdb), out);
        }
        Files.delete(rdb);
    }

    /** Into a created container that was never started: its first start serves the snapshot's data. */
    static void restore(DockerClient docker, String container, String service, Path from) throws Exception {
        Path archive = from.resolve(ARCHIVE);
        if (!Files.isDirectory(from)) {
            throw new IllegalStateException("the snapshot's copy of " + service + " is missing from the provisioner's"
                    + " data directory");
        }
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
