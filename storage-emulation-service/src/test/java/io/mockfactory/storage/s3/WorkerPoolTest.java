package io.mockfactory.storage.s3;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerPoolTest {

    @Test
    void reusesAnIdleWorkerInsteadOfStartingAnother() throws Exception {
        ThreadPoolExecutor pool = WorkerPool.start("test-worker", 64);
        try {
            LinkedTransferQueue<Runnable> queue = (LinkedTransferQueue<Runnable>) pool.getQueue();
            for (int i = 0; i < 50; i++) {
                pool.submit(() -> { }).get();
                while (!queue.hasWaitingConsumer()) {
                    Thread.onSpinWait();
                }
            }
            assertEquals(1, pool.getLargestPoolSize());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void growsWhileAllAreBusyAndQueuesBeyondItsMaximum() throws Exception {
        ThreadPoolExecutor pool = WorkerPool.start("test-worker", 4);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(4);
        AtomicInteger done = new AtomicInteger();
        try {
            for (int i = 0; i < 10; i++) {
                pool.execute(() -> {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    done.incrementAndGet();
                });
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            assertEquals(4, pool.getPoolSize());
            assertEquals(6, pool.getQueue().size());
            release.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            assertEquals(10, done.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
