package io.mockfactory.provisioner.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * A file-level copy of a running cluster with PostgreSQL's low-level backup API, which needs no client tools (the
 * bundled majors ship none): backup start (a checkpoint), a copy of the data directory but its WAL, backup stop, then
 * the WAL from the backup's start on and the backup label ({@link PostgresBackupSession}). The copy is then brought
 * to a consistent state (see {@link PostgresRecipe#snapshot}).
 */
final class PostgresBackup {
    private static final String WAL = PostgresBackupSession.WAL;
    private static final List<String> RUNTIME_FILES = PostgresBackupSession.RUNTIME_FILES;
    private static final List<String> LEFT_EMPTY = PostgresBackupSession.LEFT_EMPTY;

    private PostgresBackup() {
    }

    static void copyRunning(Connection session, Path dataDir, Path into) throws Exception {
        try (Stream<Path> tablespaces = Files.list(dataDir.resolve("pg_tblspc"))) {
            if (tablespaces.findAny().isPresent()) {
                throw new IllegalStateException(PostgresBackupSession.TABLESPACES);
            }
        }
        PostgresBackupSession backup = PostgresBackupSession.begin(session);
        PostgresBackupSession.Ended ended;
        try {
            copyAllButWal(dataDir, into);
        } finally {
            ended = backup.end();
        }
        copyWal(dataDir.resolve(WAL), into.resolve(WAL), backup, ended);
        writeLike(into.resolve("PG_VERSION"), into.resolve("backup_label"), ended.label());
    }

    /**
     * The data directory but its WAL and what the docs list as safe to leave out of a base backup (the running
     * server's own state: its pid file, replication slots, which would hold a branch's WAL for ever, temporary
     * statistics and files, shared memory, notifications, serializable and exported snapshots, subtransactions), kept
     * as empty directories. A file the server removes while it is copied (a dropped table, a temporary file) is
     * simply not in the copy: recovery replays whatever removed it.
     */
    private static void copyAllButWal(Path dataDir, Path into) throws Exception {
        makeLike(dataDir, into);
        try (Stream<Path> entries = Files.list(dataDir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (LEFT_EMPTY.contains(name)) {
                    makeLike(entry, into.resolve(name));
                } else if (!RUNTIME_FILES.contains(name)) {
                    DataCopies.copyWhatRemains(entry, into.resolve(name));
                }
            }
        }
        DataCopies.remove(into.resolve("base").resolve("pgsql_tmp"));
        makeLike(dataDir.resolve(WAL).resolve("archive_status"), into.resolve(WAL).resolve("archive_status"));
    }

    /** The WAL recovery replays ({@link PostgresBackupSession#needsWal}). */
    private static void copyWal(Path wal, Path into, PostgresBackupSession backup, PostgresBackupSession.Ended ended)
            throws Exception {
        try (Stream<Path> segments = Files.list(wal)) {
            for (Path segment : segments.filter(Files::isRegularFile).toList()) {
                if (backup.needsWal(segment.getFileName().toString(), ended)) {
                    DataCopies.copy(segment, into.resolve(segment.getFileName().toString()));
                }
            }
        }
    }

    /** An empty directory with the owner and permissions of {@code model} (the server's user, 0700). */
    private static void makeLike(Path model, Path dir) throws Exception {
        Files.createDirectory(dir);
        Files.setOwner(dir, Files.getOwner(model));
        Files.getFileAttributeView(dir, PosixFileAttributeView.class).setGroup(
                Files.readAttributes(model, PosixFileAttributes.class).group());
        Files.setPosixFilePermissions(dir, Files.getPosixFilePermissions(model));
    }

    /** Writes a file owned as {@code sibling} is (the server's user), by copying it and replacing its content. */
    private static void writeLike(Path sibling, Path file, String content) throws Exception {
        DataCopies.copy(sibling, file);
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    static Connection connect(int port, String password) throws SQLException {
        return PostgresProtocol.connectAsOwner("127.0.0.1", port, password);
    }
}
