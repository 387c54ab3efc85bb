package io.mockfactory.provisioner.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * A file-level copy of a running cluster with PostgreSQL's low-level backup API, which needs no client tools (the
 * bundled majors ship none) and no replication slot: backup start (a checkpoint), a copy of the data directory but its
 * WAL, backup stop, then the WAL from the backup's start on and the backup label. Non-exclusive, so the session that started the backup
 * must end it: a provisioner killed part-way ends the session, and with it the backup, and leaves the server as it
 * was. The copy is then brought to a consistent state (see {@link PostgresRecipe#finishSnapshot}).
 */
final class PostgresBackup {
    /** PostgreSQL 15 renamed the functions (pg_start_backup became pg_backup_start) and dropped exclusive backups. */
    private static final int RENAMED_IN = 150_000;
    /** Files of the running server that a copy must not carry (the new cluster writes its own). */
    private static final List<String> RUNTIME_FILES = List.of("postmaster.pid", "postmaster.opts");
    private static final String WAL = "pg_wal";
    private static final List<String> LEFT_EMPTY = List.of(WAL, "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_subtrans");
    private static final String TABLESPACES = "the database has a tablespace outside its data directory, which a"
            + " snapshot cannot hold; drop it (or move its objects to pg_default) to snapshot this environment";

    private PostgresBackup() {
    }

    static void copyRunning(Connection session, Path dataDir, Path into) throws Exception {
        int version;
        try (Statement statement = session.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version_num")) {
            rs.next();
            version = Integer.parseInt(rs.getString(1));
        }
        try (Stream<Path> tablespaces = Files.list(dataDir.resolve("pg_tblspc"))) {
            if (tablespaces.findAny().isPresent()) {
                throw new IllegalStateException(TABLESPACES);
            }
        }
        // A temporary slot keeps the WAL from here on until this session ends: without archiving, a checkpoint during
        // a long copy would otherwise recycle the segments the copy's recovery needs
        try (Statement slot = session.createStatement()) {
            slot.execute("SELECT pg_create_physical_replication_slot('mockfactory_snapshot_' || pg_backend_pid(), true, true)");
        }
        String firstSegment;
        try (PreparedStatement start = session.prepareStatement(version >= RENAMED_IN
                ? "SELECT pg_walfile_name(pg_backup_start(?, true))"
                : "SELECT pg_walfile_name(pg_start_backup(?, true, false))")) {
            start.setString(1, "mockfactory snapshot");
            try (ResultSet rs = start.executeQuery()) {
                rs.next();
                firstSegment = rs.getString(1);
            }
        }
        String label;
        String tablespaceMap;
        String lastSegment;
        try {
            copyAllButWal(dataDir, into);
        } finally {
            // Ended even if the copy failed: the session would end it anyway, but it may be pooled some day
            try (Statement statement = session.createStatement();
                 ResultSet rs = statement.executeQuery(version >= RENAMED_IN
                         ? "SELECT labelfile, spcmapfile, pg_walfile_name(lsn) FROM pg_backup_stop(false)"
                         : "SELECT labelfile, spcmapfile, pg_walfile_name(lsn) FROM pg_stop_backup(false, false)")) {
                rs.next();
                label = rs.getString(1);
                tablespaceMap = rs.getString(2);
                lastSegment = rs.getString(3);
            }
        }
        if (tablespaceMap != null && !tablespaceMap.isBlank()) {
            // Copies would share the source's tablespace directory (pg_tblspc holds links), and hold none of its data
            throw new IllegalStateException(TABLESPACES);
        }
        copyWal(dataDir.resolve(WAL), into.resolve(WAL), firstSegment, lastSegment);
        writeLike(into.resolve("PG_VERSION"), into.resolve("backup_label"), label);
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

    /**
     * The WAL recovery replays: the segments from the backup's start to the one holding its end (the segment of the
     * byte before the stop location), and timeline history files. Older segments, and later names (old segments
     * recycled for reuse), are not needed.
     */
    private static void copyWal(Path wal, Path into, String first, String last) throws Exception {
        try (Stream<Path> segments = Files.list(wal)) {
            for (Path segment : segments.filter(Files::isRegularFile).toList()) {
                String name = segment.getFileName().toString();
                boolean needed = name.endsWith(".history") || name.length() == first.length()
                        && name.compareTo(first) >= 0 && name.compareTo(last) <= 0;
                if (needed) {
                    DataCopies.copy(segment, into.resolve(name));
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
