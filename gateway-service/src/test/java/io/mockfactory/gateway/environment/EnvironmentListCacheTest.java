package io.mockfactory.gateway.environment;

import io.mockfactory.gateway.FakeTime;
import io.mockfactory.internal.environment.EnvironmentView;
import io.mockfactory.kit.web.Page;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentListCacheTest {
    private static final Duration TTL = Duration.ofMillis(500);

    private final FakeTime time = new FakeTime(Instant.parse("2026-12-01T10:00:00Z"));
    private final AtomicInteger fetches = new AtomicInteger();

    /** A read model that answers each fetch with a page naming how many fetches it has served. */
    private final Supplier<CompletionStage<Page<EnvironmentView>>> readModel =
            () -> CompletableFuture.completedFuture(page("fetch " + fetches.incrementAndGet()));

    @Test
    void shouldAskTheReadModelOncePerPageWithinTheTimeToLive() {
        EnvironmentListCache cache = new EnvironmentListCache(TTL, 100, time);
        Page<EnvironmentView> first = get(cache.page("usr_a", null, null, readModel));
        time.advance(Duration.ofMillis(499));
        assertSame(first, get(cache.page("usr_a", null, null, readModel)));
        assertEquals(1, fetches.get());
        cache.page("usr_a", 5, null, readModel);
        assertEquals(2, fetches.get(), "another page size is another page");
    }

    @Test
    void shouldAskAgainOnceThePageIsOlderThanTheTimeToLive() {
        EnvironmentListCache cache = new EnvironmentListCache(TTL, 100, time);
        cache.page("usr_a", null, null, readModel);
        time.advance(Duration.ofMillis(501));
        assertEquals("fetch 2", nameOf(get(cache.page("usr_a", null, null, readModel))));
    }

    @Test
    void shouldKeepOwnersApart() {
        EnvironmentListCache cache = new EnvironmentListCache(TTL, 100, time);
        cache.page("usr_a", null, null, readModel);
        assertEquals("fetch 2", nameOf(get(cache.page("usr_b", null, null, readModel))));
        cache.forget("usr_b");
        assertEquals("fetch 1", nameOf(get(cache.page("usr_a", null, null, readModel))), "one owner's change is not another's");
    }

    @Test
    void shouldAskAgainAfterTheOwnerChangedSomething() {
        EnvironmentListCache cache = new EnvironmentListCache(TTL, 100, time);
        cache.page("usr_a", null, null, readModel);
        cache.forget("usr_a");
        assertEquals("fetch 2", nameOf(get(cache.page("usr_a", null, null, readModel))));
    }

    @Test
    void shouldNotServeAPageFetchedBeforeTheOwnersChange() {
        EnvironmentListCache cache = new EnvironmentListCache(TTL, 100, time);
        // The owner's change lands while this fetch is in flight: its (older) answer must not be kept
        Page<EnvironmentView> inFlight = get(cache.page("usr_a", null, null, () -> {
            cache.forget("usr_a");
            return CompletableFuture.completedFuture(page("before the change"));
        }));
        assertEquals("before the change", nameOf(inFlight), "the request that asked still gets its answer");
        assertEquals("fetch 1", nameOf(get(cache.page("usr_a", null, null, readModel))));
    }

    @Test
    void shouldAlwaysAskWhenTheTimeToLiveIsZero() {
        EnvironmentListCache cache = new EnvironmentListCache(Duration.ZERO, 100, time);
        cache.page("usr_a", null, null, readModel);
        cache.page("usr_a", null, null, readModel);
        assertEquals(2, fetches.get());
    }

    @Test
    void shouldStayWithinItsBound() {
        EnvironmentListCache cache = new EnvironmentListCache(TTL, 10, time);
        for (int i = 0; i < 50; i++) {
            cache.page("usr_" + i, null, null, readModel);
        }
        assertTrue(cache.owners() <= 10, "owners held: " + cache.owners());
    }

    @Test
    void shouldStoreNothingWhenTheFetchFails() {
        EnvironmentListCache cache = new EnvironmentListCache(TTL, 100, time);
        CompletableFuture<Page<EnvironmentView>> failed = CompletableFuture.failedFuture(new IllegalStateException("down"));
        assertTrue(cache.page("usr_a", null, null, () -> failed).toCompletableFuture().isCompletedExceptionally());
        assertEquals("fetch 1", nameOf(get(cache.page("usr_a", null, null, readModel))));
    }

    private static Page<EnvironmentView> get(CompletionStage<Page<EnvironmentView>> page) {
        return page.toCompletableFuture().join();
    }

    private static Page<EnvironmentView> page(String name) {
        return new Page<>(List.of(new EnvironmentView("env_1", name, "running", Map.of(), Map.of(),
                Instant.EPOCH, null, null, null, null, null)), null);
    }

    private static String nameOf(Page<EnvironmentView> page) {
        return page.items().get(0).name();
    }
}
