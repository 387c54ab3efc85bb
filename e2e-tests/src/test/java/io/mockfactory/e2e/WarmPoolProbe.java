package io.mockfactory.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The provisioner's warm pools as a benchmark sees them, through the stack's PostgreSQL: how many are ready, a hold
 * that makes the pool look empty to every lease (its rows locked: leases skip locked rows, so creates take the path of
 * an empty pool), and what each warm server costs in memory.
 */
final class WarmPoolProbe implements AutoCloseable {
    private final Connection connection;
    private Connection hold;
    private final int postgresPort;

    WarmPoolProbe(int postgresPort) throws Exception {
        this.postgresPort = postgresPort;
        this.connection = connect();
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/mockfactory", "postgres", "");
    }

    int ready(String service, String version) throws Exception {
        return count(service, version, "status = 'ready'");
    }

    /** Whether the stack keeps a pool of the type and version (rows warming or ready). */
    boolean exists(String service, String version) throws Exception {
        return count(service, version, "true") > 0;
    }

    private int count(String service, String version, String condition) throws Exception {
        try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM provisioner.pool_instances"
                + " WHERE service = ? AND version = ? AND " + condition)) {
            select.setString(1, service);
            select.setString(2, version);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Waits until the pool of the type holds {@code size} ready servers again (after the previous lease's refill). */
    void awaitStock(String service, String version, int size) throws Exception {
        Eventually.await(size + " warm " + service + " " + version, Duration.ofSeconds(120), () -> ready(service, version) >= size);
    }

    /** Until {@link #release}, every lease finds the pool empty. */
    void holdAll() throws Exception {
        hold = connect();
        hold.setAutoCommit(false);
        try (ResultSet rs = hold.createStatement().executeQuery("SELECT id FROM provisioner.pool_instances FOR UPDATE")) {
            while (rs.next()) {
                rs.getString(1);
            }
        }
    }

    void release() throws Exception {
        if (hold != null) {
            hold.rollback();
            hold.close();
            hold = null;
        }
    }

    /**
     * Per warm server of the type, its process tree's resident and proportional set sizes (PSS splits pages shared
     * between servers, such as the binary and PostgreSQL's shared memory, among them). @return {rss, pss} in KiB, averaged
     */
    long[] memoryPerInstance(String service) throws Exception {
        List<Long> pids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT pid FROM provisioner.pool_instances"
                + " WHERE service = ? AND status = 'ready'")) {
            select.setString(1, service);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getLong(1));
                }
            }
        }
        long rss = 0;
        long pss = 0;
        for (long pid : pids) {
            List<Long> tree = Stream.concat(Stream.of(pid), ProcessHandle.of(pid).stream()
                    .flatMap(ProcessHandle::descendants).map(ProcessHandle::pid)).toList();
            for (long member : tree) {
                rss += field(member, "Rss:");
                pss += field(member, "Pss:");
            }
        }
        return pids.isEmpty() ? new long[]{0, 0} : new long[]{rss / pids.size(), pss / pids.size()};
    }

    private static long field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // the process ended meanwhile
        }
        return 0;
    }

    @Override
    public void close() throws Exception {
        release();
        connection.close();
    }
}
