package io.mockfactory.provisioner.instance;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Singleton
public class ServiceInstances {
    private static final String COLUMNS = "environment_id, service, user_id, version, status, port, secret, pid, tier, runtime_id";

    /** @return false if the instance already existed (a redelivered or retried create) */
    public boolean insert(Connection tx, ServiceInstance instance) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO service_instances (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, instance.environmentId());
            insert.setString(2, instance.service());
            insert.setString(3, instance.userId());
            insert.setString(4, instance.version());
            insert.setString(5, instance.status());
            insert.setObject(6, instance.port());
            insert.setBytes(7, instance.secret());
            insert.setObject(8, instance.pid());
            insert.setString(9, instance.tier());
            insert.setString(10, instance.runtimeId());
            return insert.executeUpdate() == 1;
        }
    }

    public Optional<ServiceInstance> find(Connection connection, String environmentId, String service)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM service_instances WHERE environment_id = ? AND service = ?")) {
            select.setString(1, environmentId);
            select.setString(2, service);
            return read(select).stream().findFirst();
        }
    }

    /** The live (not destroyed) instance the runtime keeps under {@code runtimeId}, if any. */
    public Optional<ServiceInstance> findLiveByRuntime(Connection connection, String runtimeId, String service)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM service_instances"
                + " WHERE (runtime_id = ? OR (runtime_id IS NULL AND environment_id = ?)) AND service = ? AND status <> 'destroyed'")) {
            select.setString(1, runtimeId);
            select.setString(2, runtimeId);
            select.setString(3, service);
            return read(select).stream().findFirst();
        }
    }

    /** Keeps the pid of a process started for an instance whose desired state changed meanwhile, so it can be stopped. */
    public void recordPid(Connection tx, ServiceInstance instance, long pid) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement(
                "UPDATE service_instances SET pid = ?, updated_at = now() WHERE environment_id = ? AND service = ?")) {
            update.setLong(1, pid);
            update.setString(2, instance.environmentId());
            update.setString(3, instance.service());
            update.executeUpdate();
        }
    }

    /** Moves every instance of the environment that is in one of {@code from} to {@code to}; @return how many moved */
    public int request(Connection tx, String environmentId, List<String> from, String to) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE service_instances SET status = ?, updated_at = now() "
                + "WHERE environment_id = ? AND status = ANY(?)")) {
            update.setString(1, to);
            update.setString(2, environmentId);
            update.setArray(3, tx.createArrayOf("text", from.toArray()));
            return update.executeUpdate();
        }
    }

    /** Moves one instance from {@code from} to {@code to}; @return whether it was in {@code from} */
    public boolean requestOne(Connection tx, ServiceInstance instance, String from, String to) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE service_instances SET status = ?, updated_at = now() "
                + "WHERE environment_id = ? AND service = ? AND status = ?")) {
            update.setString(1, to);
            update.setString(2, instance.environmentId());
            update.setString(3, instance.service());
            update.setString(4, from);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Records the outcome of work done for {@code instance} as it was read, only if nobody asked for something else
     * meanwhile (a destroy while it was starting). @return false if the desired state changed; it is left as asked
     */
    public boolean settle(Connection tx, ServiceInstance instance, String status, Long pid, String error, boolean dropSecret)
            throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE service_instances SET status = ?, pid = ?, last_error = ?, "
                + "secret = CASE WHEN ? THEN NULL ELSE secret END, "
                + "port = CASE WHEN ? THEN NULL ELSE port END, updated_at = now()"
                + " WHERE environment_id = ? AND service = ? AND status = ?")) {
            update.setString(1, status);
            update.setObject(2, pid);
            update.setString(3, error);
            update.setBoolean(4, dropSecret);
            update.setBoolean(5, dropSecret);
            update.setString(6, instance.environmentId());
            update.setString(7, instance.service());
            update.setString(8, instance.status());
            return update.executeUpdate() == 1;
        }
    }

    /** How long ago the instance's row was reserved (its ServiceProvisioning), by the clock that stamped it. */
    public Optional<Duration> sinceReserved(Connection connection, ServiceInstance instance) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT EXTRACT(EPOCH FROM clock_timestamp() - created_at) "
                + "FROM service_instances WHERE environment_id = ? AND service = ?")) {
            select.setString(1, instance.environmentId());
            select.setString(2, instance.service());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(Duration.ofNanos(rs.getBigDecimal(1).movePointRight(9).longValue()))
                        : Optional.empty();
            }
        }
    }

    public List<ServiceInstance> inStatus(Connection connection, List<String> statuses, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM service_instances "
                + "WHERE status = ANY(?) ORDER BY updated_at LIMIT ?")) {
            select.setArray(1, connection.createArrayOf("text", statuses.toArray()));
            select.setInt(2, limit);
            return read(select);
        }
    }

    public List<ServiceInstance> ofEnvironment(Connection connection, String environmentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM service_instances "
                + "WHERE environment_id = ? ORDER BY service")) {
            select.setString(1, environmentId);
            return read(select);
        }
    }

    private static List<ServiceInstance> read(PreparedStatement select) throws SQLException {
        List<ServiceInstance> instances = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                instances.add(new ServiceInstance(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), (Integer) rs.getObject(6), rs.getBytes(7), (Long) rs.getObject(8), rs.getString(9),
                        rs.getString(10)));
            }
        }
        return instances;
    }
}
