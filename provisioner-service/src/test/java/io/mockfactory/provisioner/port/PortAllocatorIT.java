package io.mockfactory.provisioner.port;

import io.mockfactory.provisioner.ProvisionerTestProperties;
import io.micronaut.context.ApplicationContext;
import io.mockfactory.events.EventIds;
import io.mockfactory.kit.db.Transactions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Race-freedom on the real database: many concurrent transactions, never one port twice. */
class PortAllocatorIT {
    private static final int FIRST = 32000;
    private static final int RANGE = 120;
    private static ApplicationContext context;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> props = ProvisionerTestProperties.of(FIRST, RANGE, "", Files.createTempDirectory("instances"));
        props.put("datasources.default.maximum-pool-size", 40);
        context = ApplicationContext.builder().properties(props).start();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void shouldNeverHandOnePortToTwoServicesUnderConcurrency() throws Exception {
        int requests = RANGE + 30;
        PortAllocator allocator = context.getBean(PortAllocator.class);
        Transactions transactions = context.getBean(Transactions.class);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<OptionalInt>> results = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String environmentId = EventIds.newId("env");
            Callable<OptionalInt> allocate = () -> {
                go.await();
                return transactions.inTransaction(tx -> allocator.allocate(tx, environmentId, "redis"));
            };
            results.add(pool.submit(allocate));
        }
        go.countDown();
        Set<Integer> handedOut = new HashSet<>();
        int refused = 0;
        for (Future<OptionalInt> result : results) {
            OptionalInt port = result.get();
            if (port.isPresent()) {
                assertTrue(handedOut.add(port.getAsInt()), "port " + port.getAsInt() + " handed out twice");
                assertTrue(port.getAsInt() >= FIRST && port.getAsInt() < FIRST + RANGE);
            } else {
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(requests, handedOut.size() + refused);
        assertTrue(handedOut.size() >= RANGE - 5, "nearly the whole range is used (a few may be busy on this machine): "
                + handedOut.size());
        assertTrue(refused >= 30, "requests beyond the range are refused, not doubled: " + refused);

        int released = handedOut.iterator().next();
        transactions.inTransaction(tx -> {
            allocator.release(tx, released);
            return null;
        });
        assertEquals(released, transactions.inTransaction(tx -> allocator.allocate(tx, "env_reuse", "redis")).getAsInt(),
                "a released port is reusable");
    }
}
