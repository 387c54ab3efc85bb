package io.mockfactory.gateway.environment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.mockfactory.internal.environment.EnvironmentView;
import io.mockfactory.kit.web.Page;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The pages of each owner's environment list the gateway has just fetched, kept for a short time (500 ms by default)
 * so that a client polling its list, or many clients of one account, cost environment-service one query per page and
 * period instead of one per request.
 *
 * <p>Freshness: a page is never older than the time to live. Besides, anything the owner does or reads about one
 * environment through this gateway (create, start, stop, destroy, a GET of one environment or of its history, the
 * former also being how the synchronous routes wait) drops all the owner's pages first, so a list never contradicts what the caller was just
 * told. A fetch that was in flight when the pages were dropped stores its answer in the detached set, where nobody
 * reads it. A request with {@code Cache-Control: no-cache} always asks the read model.
 */
@Singleton
public class EnvironmentListCache {
    static final int MAX_OWNERS = 100_000;

    private final boolean enabled;
    private final Cache<String, OwnerPages> pagesByOwner;

    /** The pages of one owner since its last change; replaced, never cleared, when that owner's pages are dropped. */
    private static final class OwnerPages {
        private final Map<PageQuery, Page<EnvironmentView>> pages = new ConcurrentHashMap<>();
    }

    private record PageQuery(@Nullable Integer limit, @Nullable String cursor) {
    }

    @Inject
    public EnvironmentListCache(@Value("${mockfactory.gateway.environments.list-cache-ttl:500ms}") Duration ttl) {
        this(ttl, MAX_OWNERS, Ticker.systemTicker());
    }

    EnvironmentListCache(Duration ttl, int maxOwners, Ticker ticker) {
        this.enabled = !ttl.isZero() && !ttl.isNegative();
        this.pagesByOwner = Caffeine.newBuilder().maximumSize(maxOwners).expireAfterWrite(enabled ? ttl : Duration.ofMillis(1))
                .ticker(ticker).executor(Runnable::run).build();
    }

    /**
     * @return the owner's page for this query: at once when it is held, else once {@code fetch} has brought it (a
     * failed fetch stores nothing)
     */
    public CompletionStage<Page<EnvironmentView>> page(String owner, @Nullable Integer limit, @Nullable String cursor,
                                                       Supplier<CompletionStage<Page<EnvironmentView>>> fetch) {
        if (!enabled) {
            return fetch.get();
        }
        OwnerPages held = pagesByOwner.get(owner, ignored -> new OwnerPages());
        PageQuery query = new PageQuery(limit, cursor);
        Page<EnvironmentView> page = held.pages.get(query);
        if (page != null) {
            return CompletableFuture.completedFuture(page);
        }
        return fetch.get().thenApply(fetched -> {
            held.pages.put(query, Objects.requireNonNull(fetched));
            return fetched;
        });
    }

    /** Called before anything the owner does or reads about one environment: the next list asks the read model. */
    public void forget(String owner) {
        pagesByOwner.invalidate(owner);
    }

    long owners() {
        pagesByOwner.cleanUp();
        return pagesByOwner.estimatedSize();
    }
}
