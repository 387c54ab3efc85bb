package io.mockfactory.storage.s3.cors;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micronaut.context.annotation.Value;
import io.mockfactory.storage.s3.ops.S3Context;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

/**
 * The CORS configurations of the buckets of one name, as every request with an {@code Origin} (and every preflight)
 * needs them: cached briefly, so a page's burst of requests costs one query per bucket name and not one each, and
 * "no bucket of this name has CORS" is remembered as well.
 *
 * <p>PutBucketCors, DeleteBucketCors and DeleteBucket on this instance forget the name at once (after their commit).
 * Made on another instance of this service they are seen here only when the entry expires: for up to {@link #TTL}
 * this instance may answer a preflight, or add CORS headers, from the configuration as it was (or refuse from the
 * absence of one). S3 itself documents no immediacy for CORS changes; 2 s keeps the window shorter than a test's patience.
 */
@Singleton
public class CorsConfigurations {
    static final Duration TTL = Duration.ofSeconds(2);
    private static final int MAX_BUCKET_NAME = 63;

    private final S3Context context;
    private final CorsStore store;
    private final LoadingCache<String, List<CorsStore.BucketRules>> byName;

    public CorsConfigurations(S3Context context, CorsStore store,
                              @Value("${mockfactory.s3.cors-cache-size:10000}") long maximumSize) {
        this.context = context;
        this.store = store;
        this.byName = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(maximumSize).build(this::load);
    }

    /** Every bucket of that name with a configuration, in any environment, oldest first; empty when none has one. */
    public List<CorsStore.BucketRules> forBucketName(String name) {
        if (name.length() > MAX_BUCKET_NAME) {
            // No bucket is named so (CreateBucket refuses it), and unauthenticated preflights must not fill the cache with such keys
            return List.of();
        }
        return byName.get(name);
    }

    /** After a change to a configuration, or to which buckets exist, of that name: the next request reads it anew. */
    public void forget(String name) {
        // Blocks while a load of the name is under way, so a load that read the old state cannot be kept afterwards
        byName.invalidate(name);
    }

    private List<CorsStore.BucketRules> load(String name) throws Exception {
        try (Connection connection = context.connection()) {
            return store.byBucketName(connection, name);
        }
    }
}
