package io.mockfactory.kit.loop;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread running a service's background loop, started once (with the application) and stopped with it,
 * whose waits between passes a {@link #wakeUp} cuts short: the shape the provisioner's instance worker, its warm-pool
 * keeper and environment-service's status listener share.
 */
public final class BackgroundLoop {
    private final String name;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public BackgroundLoop(String name) {
        this.name = name;
    }

    /** Starts {@code body} on the loop's thread unless it was started already. */
    public synchronized void start(Runnable body) {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the loop should go on (false once {@link #stop} was called). */
    public boolean running() {
        return running;
    }

    public void wakeUp() {
        wakeUps.release();
    }

    /** Waits up to {@code millis} for a {@link #wakeUp}; wake-ups that came meanwhile count as one. @return whether woken */
    public boolean awaitWakeUp(long millis) throws InterruptedException {
        boolean woken = wakeUps.tryAcquire(millis, TimeUnit.MILLISECONDS);
        wakeUps.drainPermits();
        return woken;
    }

    /** Asks the loop to end, interrupts its wait and gives it {@code joinMillis} to finish its pass. */
    public synchronized void stop(long joinMillis) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(joinMillis);
        }
    }

    /** A pause that ends early, keeping the interrupt, when the thread is asked to stop. */
    public static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
