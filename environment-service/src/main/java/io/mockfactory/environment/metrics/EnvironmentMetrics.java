package io.mockfactory.environment.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import io.mockfactory.events.status.EnvironmentStatus;
import io.mockfactory.kit.db.Transactions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The environment numbers the alert rules and the dashboard read, counted in the read model (PostgreSQL), not in
 * memory: they survive a restart and every instance of this service reports the same. One cheap query every
 * {@code mockfactory.environments.metrics-refresh}; the scrape reads the last result, so a slow database never
 * slows {@code /metrics}, and a failed refresh keeps the previous numbers.
 * <p>
 * The meters appear only after the first read: a durable counter that showed 0 until then would look to Prometheus
 * like a reset followed by every environment ever created being created again.
 * <p>
 * Names. Micrometer's Prometheus registry (client_java 1.x) strips the suffixes it reserves ({@code _total},
 * {@code _created}, {@code _bucket}, {@code _info}) from every name and adds {@code _total} to counters only. So the
 * per-status count is a FunctionCounter named {@code environments}, the only meter that is scraped as
 * {@code environments_total{status="…"}} (a Gauge so named is scraped as {@code environments}); it goes down as well
 * as up, so read it as a gauge (never rate() it). {@code environments_created_total} cannot be produced at all: a
 * counter {@code environments.created} becomes {@code environments} too, collides with the per-status one, and
 * Micrometer drops whichever registers second. Ever-created environments are therefore {@link #CREATED}.
 */
@Singleton
public class EnvironmentMetrics implements ApplicationEventListener<StartupEvent> {
    /** Scraped as {@code environments_total{status}}. */
    static final String BY_STATUS = "environments";
    /** Scraped as {@code environments_creations_total}; see the class comment for why not environments_created_total. */
    static final String CREATED = "environments.creations";
    /** Scraped as {@code environments_failed_total}. */
    static final String FAILED = "environments.failed";
    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentMetrics.class);

    private final MeterRegistry registry;
    private final Transactions transactions;
    private volatile EnvironmentCounts counts;

    public EnvironmentMetrics(MeterRegistry registry, Transactions transactions) {
        this.registry = registry;
        this.transactions = transactions;
    }

    /** After every @Context bean, the schema migration among them: the table is there. */
    @Override
    public void onApplicationEvent(StartupEvent event) {
        refresh();
    }

    @Scheduled(fixedDelay = "${mockfactory.environments.metrics-refresh:10s}",
            initialDelay = "${mockfactory.environments.metrics-refresh:10s}")
    synchronized void refresh() {
        try {
            EnvironmentCounts read = transactions.read(EnvironmentCounts::read);
            boolean first = counts == null;
            counts = read;
            if (first) {
                register();
            }
        } catch (Exception e) {
            LOG.warn("Environment metrics not refreshed, the last numbers stand: {}", e.toString());
        }
    }

    private void register() {
        for (EnvironmentStatus status : EnvironmentStatus.values()) {
            FunctionCounter.builder(BY_STATUS, this, metrics -> metrics.counts.inStatus(status))
                    .tag("status", status.wireName())
                    .description("Environments currently in each status (goes down as well as up: a gauge)")
                    .register(registry);
        }
        FunctionCounter.builder(CREATED, this, metrics -> metrics.counts.created())
                .description("Environments ever created, destroyed ones included").register(registry);
        FunctionCounter.builder(FAILED, this, metrics -> metrics.counts.failed())
                .description("Environments that ever reached failed").register(registry);
    }
}
