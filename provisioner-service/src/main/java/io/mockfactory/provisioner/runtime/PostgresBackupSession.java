package io.mockfactory.provisioner.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * One non-exclusive low-level backup of a running cluster, on the session that began it (whatever copies the files:
 * cp here, the Docker archive API for containers). Began with a checkpoint and a temporary replication slot: without
 * archiving, a checkpoint during a long copy would otherwise recycle the WAL segments the copy's recovery needs. A
 * provisioner killed part-way ends the session, and with it the backup and the slot, and leaves the server as it was.
 */
public final class PostgresBackupSession {
    /** PostgreSQL 15 renamed the functions (pg_start_backup became pg_backup_start) and dropped exclusive backups. */
    private static final int RENAMED_IN = 150_000;
    public static final String WAL = "pg_wal";
    /** Files of the running server that a copy must not carry (the new cluster writes its own). */
    public static final List<String> RUNTIME_FILES = List.of("postmaster.pid", "postmaster.opts");
    /**
     * What the docs list as safe to leave out of a base backup, kept as empty directories: the running server's own
     * state (replication slots, which would hold a branch's WAL for ever, temporary statistics, shared memory,
     * notifications, serializable and exported snapshots, subtransactions), and the WAL, copied after backup stop.
     */
    public static final List<String> LEFT_EMPTY = List.of(WAL, "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_subtrans");
    public static final String TABLESPACES = "the database has a tablespace outside its data directory, which a"
            + " snapshot cannot hold; drop it (or move its objects to pg_default) to snapshot this environment";

    private final Connection session;
    private final int version;
    private final String firstSegment;

    /** What backup stop gives: the backup label the copy must carry, and the last WAL segment its recovery needs. */
    public record Ended(String label, String lastSegment) {
    }

    private PostgresBackupSession(Connection session, int version, String firstSegment) {
        this.session = session;
        this.version = version;
        this.firstSegment = firstSegment;
    }

    public static PostgresBackupSession begin(Connection session) throws Exception {
        int version;
        try (Statement statement = session.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version_num")) {
            rs.next();
            version = Integer.parseInt(rs.getString(1));
        }
        try (Statement slot = session.createStatement()) {
            slot.execute("SELECT pg_create_physical_replication_slot('mockfactory_snapshot_' || pg_backend_pid(), true, true)");
        }
        try (PreparedStatement start = session.prepareStatement(version >= RENAMED_IN
                ? "SELECT pg_walfile_name(pg_backup_start(?, true))"
                : "SELECT pg_walfile_name(pg_start_backup(?, true, false))")) {
            start.setString(1, "mockfactory snapshot");
            try (ResultSet rs = start.executeQuery()) {
                rs.next();
                return new PostgresBackupSession(session, version, rs.getString(1));
            }
        }
    }

    /**
     * Ends the backup: called even when the copy failed (the session would end it anyway, but it may be pooled some
     * day). @throws IllegalStateException if the cluster has a tablespace, which the copy does not hold
     */
    public Ended end() throws Exception {
        try (Statement statement = session.createStatement();
             ResultSet rs = statement.executeQuery(version >= RENAMED_IN
                     ? "SELECT labelfile, spcmapfile, pg_walfile_name(lsn) FROM pg_backup_stop(false)"
                     : "SELECT labelfile, spcmapfile, pg_walfile_name(lsn) FROM pg_stop_backup(false, false)")) {
            rs.next();
            String tablespaceMap = rs.getString(2);
            if (tablespaceMap != null && !tablespaceMap.isBlank()) {
                // Copies would share the source's tablespace directory (pg_tblspc holds links), and hold none of its data
                throw new IllegalStateException(TABLESPACES);
            }
            return new Ended(rs.getString(1), rs.getString(3));
        }
    }

    /**
     * Whether the copy needs the file {@code name} of pg_wal: the segments from the backup's start to the one holding
     * its end (the segment of the byte before the stop location), and timeline history files. Older segments, and
     * later names (old segments recycled for reuse), are not needed.
     */
    public boolean needsWal(String name, Ended ended) {
        return name.endsWith(".history") || name.length() == firstSegment.length()
                && name.compareTo(firstSegment) >= 0 && name.compareTo(ended.lastSegment()) <= 0;
    }
}
