package io.mockfactory.provisioner.port;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Hands out ports from a configured range, race-free: one INSERT picks the lowest port no live service holds, and
 * the primary key makes a concurrent pick of the same port a no-op for the loser, who simply tries again. A port
 * some other program on this machine already listens on is skipped.
 */
@Singleton
public class PortAllocator {
    private static final int ATTEMPTS = 50;

    private final int first;
    private final int last;

    public PortAllocator(@Value("${mockfactory.provisioner.ports.first:30000}") int first,
                         @Value("${mockfactory.provisioner.ports.last:40000}") int last) {
        this.first = first;
        this.last = last;
    }

    public OptionalInt allocate(Connection tx, String environmentId, String service) throws SQLException {
        List<Integer> busyElsewhere = new ArrayList<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Array excluded = tx.createArrayOf("integer", busyElsewhere.toArray());
            try (PreparedStatement insert = tx.prepareStatement("""
                    INSERT INTO port_allocations (port, environment_id, service)
                    SELECT p, ?, ? FROM generate_series(?::int, ?::int) p
                    WHERE NOT EXISTS (SELECT 1 FROM port_allocations a WHERE a.port = p) AND p <> ALL(?)
                    ORDER BY p LIMIT 1
                    ON CONFLICT (port) DO NOTHING
                    RETURNING port""")) {
                insert.setString(1, environmentId);
                insert.setString(2, service);
                insert.setInt(3, first);
                insert.setInt(4, last);
                insert.setArray(5, excluded);
                try (ResultSet rs = insert.executeQuery()) {
                    if (!rs.next()) {
                        if (noneFree(tx, busyElsewhere)) {
                            return OptionalInt.empty();
                        }
                        continue;
                    }
                    int port = rs.getInt(1);
                    if (isFreeOnThisMachine(port)) {
                        return OptionalInt.of(port);
                    }
                    release(tx, port);
                    busyElsewhere.add(port);
                }
            }
        }
        return OptionalInt.empty();
    }

    /** A warm-pool instance's port goes with it to the environment that leased it. */
    public void reassign(Connection tx, int port, String environmentId, String service) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE port_allocations SET environment_id = ?, service = ? WHERE port = ?")) {
            update.setString(1, environmentId);
            update.setString(2, service);
            update.setInt(3, port);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("port " + port + " of a warm instance was not allocated");
            }
        }
    }

    public void release(Connection tx, int port) throws SQLException {
        try (PreparedStatement delete = tx.prepareStatement("DELETE FROM port_allocations WHERE port = ?")) {
            delete.setInt(1, port);
            delete.executeUpdate();
        }
    }

    /** How many ports of the configured range are held now (a range of the primary key: cheap). */
    public long allocated(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM port_allocations WHERE port BETWEEN ? AND ?")) {
            count.setInt(1, first);
            count.setInt(2, last);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** How many ports the configured range holds. */
    public long rangeSize() {
        return (long) last - first + 1;
    }

    private boolean noneFree(Connection tx, List<Integer> excluded) throws SQLException {
        return allocated(tx) + excluded.size() >= rangeSize();
    }

    private static boolean isFreeOnThisMachine(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
