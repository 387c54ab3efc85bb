package io.mockfactory.provisioner.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A file-level copy of a running cluster with PostgreSQL's low-level backup API, which needs no client tools (the
 * bundled majors ship none) and no replication slot: backup start (a checkpoint), a copy of the data directory, backup
 * stop, then the WAL written meanwhile and the backup label. Non-exclusive, so the session that started the backup
 * must end it: a provisioner killed part-way ends the session, and with it the backup, and leaves the server as it
 * was. The copy is then brought to a consistent state (see {@link PostgresRecipe#finishSnapshot}).
 */
final class PostgresBackup {
    /** PostgreSQL 15 renamed the functions (pg_start_backup became pg_backup_start) and dropped exclusive backups. */
    private static final int RENAMED_IN = 150_000;
    /** Files of the running server that a copy must not carry (the new cluster writes its own). */
    private static final List<String> RUNTIME_FILES = List.of("postmaster.pid", "postmaster.opts");

    private PostgresBackup() {
    }

    static void copyRunning(Connection session, Path dataDir, Path into) throws Exception {
        int version;
        try (Statement statement = session.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version_num")) {
            rs.next();
            version = Integer.parseInt(rs.getString(1));
        }
        try (PreparedStatement start = session.prepareStatement(version >= RENAMED_IN
                ? "SELECT pg_backup_start(?, true)" : "SELECT pg_start_backup(?, true, false)")) {
            start.setString(1, "mockfactory snapshot");
            start.execute();
        }
        String label;
        String tablespaceMap;
        try {
            DataCopies.copy(dataDir, into);
        } finally {
            // Ended even if the copy failed: the session would end it anyway, but it may be pooled some day
            try (Statement statement = session.createStatement();
                 ResultSet rs = statement.executeQuery(version >= RENAMED_IN
                         ? "SELECT labelfile, spcmapfile FROM pg_backup_stop(false)"
                         : "SELECT labelfile, spcmapfile FROM pg_stop_backup(false, false)")) {
                rs.next();
                label = rs.getString(1);
                tablespaceMap = rs.getString(2);
            }
        }
        for (String runtimeFile : RUNTIME_FILES) {
            Files.deleteIfExists(into.resolve(runtimeFile));
        }
        // The WAL up to the backup's end, which recovery replays; later segments are harmless
        DataCopies.copyContents(dataDir.resolve("pg_wal"), into.resolve("pg_wal"));
        writeLike(into.resolve("PG_VERSION"), into.resolve("backup_label"), label);
        if (tablespaceMap != null && !tablespaceMap.isBlank()) {
            writeLike(into.resolve("PG_VERSION"), into.resolve("tablespace_map"), tablespaceMap);
        }
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
