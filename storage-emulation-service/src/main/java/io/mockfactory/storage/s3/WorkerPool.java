package io.mockfactory.storage.s3;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run S3 requests' blocking work: up to {@code max}, started only when every running one is busy,
 * and stopped after a minute idle. A plain {@link ThreadPoolExecutor} with a queue starts a new thread for each task
 * until it has its core size, idle ones or not, so eight clients used to cost all 64 workers, each with its stack and
 * the JDK's per-thread direct buffer for file writes (issue 17: about 25 MiB of the service's resident memory).
 * This queue makes the executor grow on demand instead (Tomcat's TaskQueue does the same): it hands a task to a
 * waiting idle worker, refuses it while the pool can still grow (so the executor starts a thread), and queues it
 * once the pool is at its maximum.
 */
final class WorkerPool {
    private WorkerPool() {
    }

    static ThreadPoolExecutor start(String name, int max) {
        GrowFirstQueue queue = new GrowFirstQueue();
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, max, 60, TimeUnit.SECONDS, queue, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, (task, executor) -> {
            // Another submitter took the last free slot between the queue's refusal and the start of a thread
            if (executor.isShutdown()) {
                throw new RejectedExecutionException("S3 workers are stopped");
            }
            queue.enqueue(task);
        });
        queue.pool = pool;
        return pool;
    }

    private static final class GrowFirstQueue extends LinkedTransferQueue<Runnable> {
        private volatile ThreadPoolExecutor pool;

        @Override
        public boolean offer(Runnable task) {
            if (tryTransfer(task)) {
                return true;
            }
            if (pool.getPoolSize() < pool.getMaximumPoolSize()) {
                return false;
            }
            return super.offer(task);
        }

        void enqueue(Runnable task) {
            super.offer(task);
        }
    }
}
