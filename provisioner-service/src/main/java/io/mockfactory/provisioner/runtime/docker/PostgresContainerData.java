package io.mockfactory.provisioner.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.mockfactory.provisioner.runtime.Endpoint;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import io.mockfactory.provisioner.runtime.PostgresBackupSession;
import io.mockfactory.provisioner.runtime.PostgresProtocol;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL flavour in a container: the same low-level backup as for local processes ({@link PostgresBackupSession}),
 * with the Docker archive API as its copy: the data directory but its WAL and the server's own state, then, after
 * backup stop, the WAL recovery needs, and the backup label (owned, as every file, by the container's postgres user).
 * The copy is not recovered here (this service has no PostgreSQL binaries in a deployment): the new container's
 * entrypoint moves it into place and its first single-user start replays the WAL, as it sets the new password.
 */
final class PostgresContainerData implements ContainerData {
    private static final String DATA = "/var/lib/mockfactory/data";
    /** The entrypoint's inbox (deploy/images/postgresql/mockfactory-postgres): a copy in {@code restore/data}. */
    private static final String RESTORE = "/var/lib/mockfactory/restore";
    /** The archive API names entries after the directory asked for. */
    private static final String TOP = "data/";
    private static final String TABLESPACE_LINKS = "pg_tblspc/";

    @Override
    public void copyOut(DockerClient docker, String container, Endpoint address, InstanceSpec spec, TarArchiveOutputStream into)
            throws Exception {
        try (Connection session = PostgresProtocol.connectAsOwner(address.host(), address.port(), spec.password())) {
            PostgresBackupSession backup = PostgresBackupSession.begin(session);
            PostgresBackupSession.Ended ended;
            TarArchiveEntry version;
            try {
                version = copyAllButWal(session, docker, container, into);
            } finally {
                ended = backup.end();
            }
            copyWal(docker, container, backup, ended, into);
            byte[] label = ended.label().getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(TOP + "backup_label");
            entry.setUserId(version.getLongUserId());
            entry.setGroupId(version.getLongGroupId());
            entry.setMode(0100600);
            entry.setSize(label.length);
            into.putArchiveEntry(entry);
            into.write(label);
            into.closeArchiveEntry();
        }
    }

    /**
     * The data directory's entries one by one (listed by the server itself), so that the WAL, copied after backup
     * stop, is not also carried now: the directory itself first, with PG_VERSION's owner. An entry removed meanwhile
     * is left out (recovery replays its removal). @return the entry of PG_VERSION, whose owner the backup label takes
     */
    private static TarArchiveEntry copyAllButWal(Connection session, DockerClient docker, String container,
                                                 TarArchiveOutputStream into) throws Exception {
        List<String> names = new ArrayList<>();
        try (Statement list = session.createStatement(); ResultSet rows = list.executeQuery("SELECT pg_ls_dir('.') ORDER BY 1")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        TarArchiveEntry version = null;
        try (TarArchiveInputStream tar = archive(docker, container, "PG_VERSION")) {
            version = tar.getNextEntry();
            if (version == null || !version.isFile()) {
                throw new IllegalStateException("the container's data directory has no PG_VERSION");
            }
            into.putArchiveEntry(directoryLike(TOP, version));
            into.closeArchiveEntry();
            version.setName(TOP + version.getName());
            copyEntry(tar, version, into);
        }
        for (String name : names) {
            if (name.equals("PG_VERSION") || !copied(name)) {
                continue;
            }
            String path = name.equals(PostgresBackupSession.WAL) ? name + "/archive_status" : name;
            try (TarArchiveInputStream tar = archive(docker, container, path)) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    // Named from the last element of the path asked for, i.e. relative to the data directory but pg_wal's
                    String inside = path.equals(name) ? entry.getName() : PostgresBackupSession.WAL + "/" + entry.getName();
                    if (inside.startsWith(TABLESPACE_LINKS) && inside.length() > TABLESPACE_LINKS.length()) {
                        throw new IllegalStateException(PostgresBackupSession.TABLESPACES);
                    }
                    if (inside.equals(PostgresBackupSession.WAL + "/archive_status/")) {
                        into.putArchiveEntry(directoryLike(TOP + PostgresBackupSession.WAL + "/", entry));
                        into.closeArchiveEntry();
                    }
                    if (copied(inside)) {
                        entry.setName(TOP + inside);
                        copyEntry(tar, entry, into);
                    }
                }
            } catch (NotFoundException removedMeanwhile) {
                // a file the server removed after listing it
            }
        }
        return version;
    }

    private static TarArchiveInputStream archive(DockerClient docker, String container, String inside) {
        return new TarArchiveInputStream(docker.copyArchiveFromContainerCmd(container, DATA + "/" + inside).exec());
    }

    private static void copyEntry(TarArchiveInputStream tar, TarArchiveEntry entry, TarArchiveOutputStream into)
            throws Exception {
        into.putArchiveEntry(entry);
        if (entry.isFile()) {
            tar.transferTo(into);
        }
        into.closeArchiveEntry();
    }

    /** A directory entry owned as {@code owner} is, private to that user (as PostgreSQL keeps its directories). */
    private static TarArchiveEntry directoryLike(String name, TarArchiveEntry owner) {
        TarArchiveEntry directory = new TarArchiveEntry(name);
        directory.setUserId(owner.getLongUserId());
        directory.setGroupId(owner.getLongGroupId());
        directory.setMode(040700);
        return directory;
    }

    /** Whether the copy carries {@code inside} (a path in the data directory; a directory's ends with a slash). */
    private static boolean copied(String inside) {
        int slash = inside.indexOf('/');
        String top = slash < 0 ? inside : inside.substring(0, slash);
        boolean topLevel = slash < 0 || slash == inside.length() - 1;
        if (PostgresBackupSession.RUNTIME_FILES.contains(inside) || inside.startsWith("base/pgsql_tmp")) {
            return false;
        }
        return !PostgresBackupSession.LEFT_EMPTY.contains(top) || topLevel
                || inside.equals(PostgresBackupSession.WAL + "/archive_status/");
    }

    private static void copyWal(DockerClient docker, String container, PostgresBackupSession backup,
                                PostgresBackupSession.Ended ended, TarArchiveOutputStream into) throws Exception {
        String prefix = PostgresBackupSession.WAL + "/";
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                docker.copyArchiveFromContainerCmd(container, DATA + "/" + PostgresBackupSession.WAL).exec())) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (entry.isFile() && name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0
                        && backup.needsWal(name.substring(prefix.length()), ended)) {
                    entry.setName(TOP + name);
                    into.putArchiveEntry(entry);
                    tar.transferTo(into);
                    into.closeArchiveEntry();
                }
            }
        }
    }

    /** A cleanly stopped cluster as it is but the last server's pid file: the entrypoint moves it into place. */
    @Override
    public void copyOutStopped(DockerClient docker, String container, TarArchiveOutputStream into) throws Exception {
        ContainerSnapshots.copyEntries(docker, container, DATA, into,
                name -> name.startsWith(TOP) && !PostgresBackupSession.RUNTIME_FILES.contains(name.substring(TOP.length())));
    }

    @Override
    public String restoreDir() {
        return RESTORE;
    }
}
