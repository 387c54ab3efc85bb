package io.mockfactory.provisioner.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.NetworkSettings;
import io.mockfactory.provisioner.runtime.Endpoint;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * ElasticMQ in a container: its queue file, then H2's online {@code BACKUP TO} of the messages database, which is
 * transactionally consistent while queues are used (as for local processes, see the local runtime's ElasticMqData).
 * The container opens the database in H2's mixed mode, whose TCP server takes only clients that name the random key
 * in the database's lock file; this service reads the file through the archive API and asks the server, on the
 * container's own address, for a backup in the container, which it then copies out.
 */
final class ElasticMqContainerData implements ContainerData {
    private static final String DATA = "/data";
    static final String DATABASE_URL = "jdbc:h2:" + DATA + "/messages;AUTO_SERVER=TRUE";
    private static final String QUEUES = "queues.conf";
    private static final String DATABASE_FILE = "messages.mv.db";
    /** Left in the container (the archive API cannot remove it); ElasticMQ never reads it, the next backup replaces it. */
    private static final String BACKUP = "mockfactory-snapshot.zip";
    private static final String NOT_MIXED = "ElasticMQ's messages database is not open in H2's mixed mode (containers"
            + " created before this version open it so from their next creation on)";

    @Override
    public void copyOut(DockerClient docker, String container, Endpoint address, InstanceSpec spec, TarArchiveOutputStream into)
            throws Exception {
        // The queue file first: a queue made between the two is left out with its messages (ElasticMQ loads only those
        // of the queues it has)
        H2Server server = copyQueuesAndFindServer(docker, container, into);
        String url = "jdbc:h2:tcp://" + containerAddress(docker, container, address) + ":" + server.port() + "/" + server.key();
        try (Connection h2 = DriverManager.getConnection(url, "", ""); Statement backup = h2.createStatement()) {
            backup.execute("BACKUP TO '" + DATA + "/" + BACKUP + "'");
        } catch (SQLException refused) {
            // Not H2's message: it may name the URL, whose database name is the server's key (and the reason lands in
            // the snapshot's last_error)
            throw new IllegalStateException("H2 in the ElasticMQ container did not make the backup (H2 error "
                    + refused.getErrorCode() + ")");
        }
        Path zip = Files.createTempFile("mockfactory-elasticmq", ".zip");
        Path database = Files.createTempFile("mockfactory-elasticmq", ".mv.db");
        try {
            copyOutFile(docker, container, DATA + "/" + BACKUP, zip);
            try (ZipInputStream entries = new ZipInputStream(Files.newInputStream(zip))) {
                ZipEntry entry;
                do {
                    entry = entries.getNextEntry();
                } while (entry != null && !entry.getName().equals(DATABASE_FILE));
                if (entry == null) {
                    throw new IOException("H2's backup of ElasticMQ's messages holds no " + DATABASE_FILE);
                }
                Files.copy(entries, database, StandardCopyOption.REPLACE_EXISTING);
            }
            addFile(into, DATABASE_FILE, database, server.owner());
        } finally {
            Files.deleteIfExists(zip);
            Files.deleteIfExists(database);
        }
    }

    /** The port and key of H2's server, from the lock file, whose owner (ElasticMQ's user) the copies take. */
    private record H2Server(String port, String key, TarArchiveEntry owner) {
    }

    private static H2Server copyQueuesAndFindServer(DockerClient docker, String container, TarArchiveOutputStream into)
            throws Exception {
        Path file = Files.createTempFile("mockfactory-elasticmq", ".copy");
        try {
            TarArchiveEntry owner;
            Properties lock = new Properties();
            try {
                owner = copyOutFile(docker, container, DATA + "/messages.lock.db", file);
                try (InputStream in = Files.newInputStream(file)) {
                    lock.load(in);
                }
            } catch (NotFoundException notOpen) {
                throw new IllegalStateException(NOT_MIXED, notOpen);
            }
            String server = lock.getProperty("server", "");
            if (!server.contains(":") || lock.getProperty("id", "").isEmpty()) {
                throw new IllegalStateException(NOT_MIXED);
            }
            try {
                copyOutFile(docker, container, DATA + "/" + QUEUES, file);
                addFile(into, QUEUES, file, owner);
            } catch (NotFoundException noQueueYet) {
                // ElasticMQ writes the file on the first queue change
            }
            return new H2Server(server.substring(server.lastIndexOf(':') + 1), lock.getProperty("id"), owner);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Where H2's server listens: the container's address on the network this service reaches it on, or on the
     * engine's default bridge when users' clients (and this service) reach it on its published port.
     */
    private static String containerAddress(DockerClient docker, String container, Endpoint address) {
        if (!"127.0.0.1".equals(address.host())) {
            return address.host();
        }
        NetworkSettings settings = docker.inspectContainerCmd(container).exec().getNetworkSettings();
        if (settings.getIpAddress() != null && !settings.getIpAddress().isEmpty()) {
            return settings.getIpAddress();
        }
        return settings.getNetworks().values().stream().map(ContainerNetwork::getIpAddress)
                .filter(ip -> ip != null && !ip.isEmpty()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the ElasticMQ container has no address to reach H2 at"));
    }

    /** The one regular file at {@code path} in the container, into {@code to}. @return its entry (owner, mode) */
    private static TarArchiveEntry copyOutFile(DockerClient docker, String container, String path, Path to) throws Exception {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(docker.copyArchiveFromContainerCmd(container, path).exec())) {
            TarArchiveEntry entry = tar.getNextEntry();
            if (entry == null || !entry.isFile()) {
                throw new IOException(path + " in the container is not a file");
            }
            Files.copy(tar, to, StandardCopyOption.REPLACE_EXISTING);
            return entry;
        }
    }

    private static void addFile(TarArchiveOutputStream into, String name, Path file, TarArchiveEntry owner)
            throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setUserId(owner.getLongUserId());
        entry.setGroupId(owner.getLongGroupId());
        entry.setSize(Files.size(file));
        entry.setMode(0100600);
        into.putArchiveEntry(entry);
        Files.copy(file, into);
        into.closeArchiveEntry();
    }

    /** A stopped server closed its database cleanly: the queue file and the database file as they are. */
    @Override
    public void copyOutStopped(DockerClient docker, String container, TarArchiveOutputStream into) throws Exception {
        try {
            ContainerSnapshots.copyEntries(docker, container, DATA + "/" + QUEUES, into, name -> true);
        } catch (NotFoundException noQueueYet) {
            // ElasticMQ writes the file on the first queue change
        }
        ContainerSnapshots.copyEntries(docker, container, DATA + "/" + DATABASE_FILE, into, name -> true);
    }

    @Override
    public String restoreDir() {
        return DATA;
    }
}
