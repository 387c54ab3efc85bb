package io.mockfactory.storage.s3.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Buckets' access settings, read on every S3 request, cached for at most two seconds. A change made through this
 * instance is seen at once (it invalidates); one made through another instance of the storage service is seen
 * within two seconds, the staleness a running deployment of several instances allows for policies and ACLs. Object
 * data is never cached here: only who may ask for it.
 */
@Singleton
public class BucketAccessCache {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FRESH_FOR = Duration.ofSeconds(2);
    private static final String COLUMNS = "id, environment_id, name, acl, policy, public_access_block, ownership";

    private final DataSource dataSource;
    private final Cache<String, BucketAccess> own = Caffeine.newBuilder().expireAfterWrite(FRESH_FOR)
            .maximumSize(20_000).build();
    private final Cache<String, List<BucketAccess>> byName = Caffeine.newBuilder().expireAfterWrite(FRESH_FOR)
            .maximumSize(20_000).build();

    public BucketAccessCache(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The environment's bucket of that name, if it has one. Only buckets that exist are cached, so a bucket just
     * created through another instance is found at once.
     */
    public Optional<BucketAccess> own(String environmentId, String name) {
        String key = environmentId + "/" + name;
        BucketAccess cached = own.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<BucketAccess> loaded = load("environment_id = ? AND name = ?", environmentId, name).stream().findFirst();
        loaded.ifPresent(bucket -> own.put(key, bucket));
        return loaded;
    }

    /**
     * Every running environment's bucket of that name, oldest first: whom an anonymous or cross-environment request
     * may mean. A stopped environment's buckets are nobody's to reach, as its own keys are refused.
     */
    public List<BucketAccess> named(String name) {
        return byName.get(name, key -> load("name = ? AND environment_id IN (SELECT environment_id FROM s3_services"
                + " WHERE status = 'running') ORDER BY created_at, id", name));
    }

    /** After a change to the bucket (its settings, its creation or deletion) through this instance. */
    public void invalidate(String environmentId, String name) {
        own.invalidate(environmentId + "/" + name);
        byName.invalidate(name);
    }

    private List<BucketAccess> load(String where, String... values) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM buckets WHERE " + where)) {
            for (int i = 0; i < values.length; i++) {
                select.setString(i + 1, values[i]);
            }
            List<BucketAccess> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(read(rows));
                }
            }
            return List.copyOf(found);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read bucket access settings", e);
        }
    }

    private static BucketAccess read(ResultSet rows) throws SQLException {
        String name = rows.getString(3);
        String acl = rows.getString(4);
        String policy = rows.getString(5);
        String block = rows.getString(6);
        String ownership = rows.getString(7);
        return new BucketAccess(rows.getLong(1), rows.getString(2), name,
                policy == null ? null : BucketPolicy.parse(policy, name),
                acl == null ? null : AclJson.read(acl),
                block == null ? null : readBlock(block),
                ownership == null ? null : ObjectOwnership.named(ownership).orElse(null));
    }

    static String writeBlock(PublicAccessBlock block) {
        try {
            return JSON.writeValueAsString(block);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PublicAccessBlock readBlock(String json) {
        try {
            return JSON.readValue(json, PublicAccessBlock.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
