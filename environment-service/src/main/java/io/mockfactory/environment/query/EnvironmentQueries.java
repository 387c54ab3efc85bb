package io.mockfactory.environment.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.mockfactory.events.status.EnvironmentStatus;
import io.mockfactory.events.status.ServiceStatus;
import io.mockfactory.internal.environment.EnvironmentView;
import io.mockfactory.internal.environment.HistoryEntry;
import io.mockfactory.internal.environment.ServiceState;
import io.mockfactory.kit.db.NamedStatement;
import io.mockfactory.kit.db.NewestFirst;
import io.mockfactory.kit.db.Transactions;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of the read model, always filtered by owner: another user's environment is simply not there. */
@Singleton
public class EnvironmentQueries {
    private static final String COLUMNS = "id, name, status, services, endpoints, created_at, started_at, stopped_at, "
            + "expires_at, last_error, ttl_minutes";
    private static final String[] HOLDING_RESOURCES = Arrays.stream(EnvironmentStatus.values())
            .filter(EnvironmentStatus::holdsResources).map(EnvironmentStatus::wireName).toArray(String[]::new);

    private final Transactions transactions;
    private final JsonMapper json;

    public EnvironmentQueries(Transactions transactions, JsonMapper json) {
        this.transactions = transactions;
        this.json = json;
    }

    public Optional<EnvironmentView> find(String userId, String environmentId) throws Exception {
        return transactions.read(tx -> {
            try (PreparedStatement select = tx.prepareStatement("SELECT " + COLUMNS + " FROM environments WHERE id = ? AND user_id = ?")) {
                select.setString(1, environmentId);
                select.setString(2, userId);
                List<EnvironmentView> found = read(select);
                return found.stream().findFirst();
            }
        });
    }

    /** Newest first; {@code after} is the id of the last environment of the previous page. */
    public List<EnvironmentView> list(String userId, @Nullable String after, int limit) throws Exception {
        return transactions.read(tx -> {
            try (NamedStatement select = NamedStatement.prepare(tx, "SELECT " + COLUMNS + " FROM environments WHERE "
                    + NewestFirst.pageOf("environments", "user_id"))) {
                return read(NewestFirst.bind(select, userId, after, limit).statement());
            }
        });
    }

    /** Environments that hold resources now: what a tier's running-environment quota counts (stopped ones do not). */
    public int activeCount(String userId) throws Exception {
        return transactions.read(tx -> {
            try (PreparedStatement count = tx.prepareStatement("SELECT count(*) FROM environments WHERE user_id = ?"
                    + " AND status = ANY(?)")) {
                count.setString(1, userId);
                count.setArray(2, tx.createArrayOf("text", HOLDING_RESOURCES));
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    public List<HistoryEntry> history(String environmentId) throws Exception {
        return transactions.read(tx -> {
            try (PreparedStatement select = tx.prepareStatement("SELECT event_id, type, occurred_at, payload FROM "
                    + "environment_history WHERE environment_id = ? ORDER BY occurred_at, id")) {
                select.setString(1, environmentId);
                List<HistoryEntry> entries = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new HistoryEntry(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                                object(rs.getString(4))));
                    }
                }
                return entries;
            }
        });
    }

    private List<EnvironmentView> read(PreparedStatement select) throws SQLException, IOException {
        List<EnvironmentView> views = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                views.add(new EnvironmentView(rs.getString(1), rs.getString(2), rs.getString(3),
                        publicServices(object(rs.getString(4))), endpoints(object(rs.getString(5))), instant(rs.getTimestamp(6)),
                        instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)),
                        rs.getString(10), (Integer) rs.getObject(11)));
            }
        }
        return views;
    }

    /** Requested options stay internal; the representation shows version, status and port per service. */
    private static Map<String, ServiceState> publicServices(Map<String, Object> stored) {
        Map<String, ServiceState> shown = new LinkedHashMap<>();
        stored.forEach((service, value) -> {
            Map<?, ?> state = value instanceof Map<?, ?> map ? map : Map.of();
            Object status = state.get("status");
            shown.put(service, new ServiceState(state.get("version") == null ? null : String.valueOf(state.get("version")),
                    status == null ? ServiceStatus.PROVISIONING.wireName() : String.valueOf(status),
                    state.get("port") instanceof Number port ? port.intValue() : null));
        });
        return shown;
    }

    private static Map<String, String> endpoints(Map<String, Object> stored) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        stored.forEach((service, endpoint) -> endpoints.put(service, String.valueOf(endpoint)));
        return endpoints;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(String text) throws IOException {
        return text == null ? Map.of() : json.readValue(text, Map.class);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
