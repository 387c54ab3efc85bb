package io.mockfactory.provisioner.port;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import io.mockfactory.kit.db.Transactions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ports_allocated} and {@code ports_available}: the configured range against what {@code port_allocations}
 * holds, so every instance and every restart agrees (an allocation is a row, not a number in this JVM). Counted every
 * {@code mockfactory.provisioner.metrics-refresh} rather than per scrape, so a database that hangs cannot stall
 * {@code /metrics} when it matters most; a failed count keeps the last numbers. The gauges appear with the first
 * count, never as a made-up zero. Available ports may still include some another program on this machine listens on
 * (the allocator skips those when it gets to them).
 */
@Singleton
public class PortPoolMetrics implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(PortPoolMetrics.class);

    private final MeterRegistry registry;
    private final Transactions transactions;
    private final PortAllocator ports;
    private final AtomicLong allocated = new AtomicLong(-1);

    public PortPoolMetrics(MeterRegistry registry, Transactions transactions, PortAllocator ports) {
        this.registry = registry;
        this.transactions = transactions;
        this.ports = ports;
    }

    /** After every @Context bean, the schema migration among them: the table is there. */
    @Override
    public void onApplicationEvent(StartupEvent event) {
        refresh();
    }

    @Scheduled(fixedDelay = "${mockfactory.provisioner.metrics-refresh:10s}",
            initialDelay = "${mockfactory.provisioner.metrics-refresh:10s}")
    synchronized void refresh() {
        try {
            long count = transactions.read(ports::allocated);
            if (allocated.getAndSet(count) < 0) {
                Gauge.builder("ports.allocated", allocated, AtomicLong::get)
                        .description("Ports of the configured range held by a service instance").register(registry);
                Gauge.builder("ports.available", allocated, held -> ports.rangeSize() - held.get())
                        .description("Ports of the configured range no service instance holds").register(registry);
            }
        } catch (Exception e) {
            LOG.warn("Port metrics not refreshed, the last numbers stand: {}", e.toString());
        }
    }
}
