package io.mockfactory.cli.env;

import io.mockfactory.client.environment.LifecycleEvent;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The line {@code env create --wait} keeps on stderr while the environment provisions: the events so far and the
 * seconds spent. On a terminal it is redrawn in place; elsewhere (a CI log, a test) each change is a line of its own,
 * since carriage returns would jumble a log. Events arrive on the client's event thread, hence the locking; a
 * reconnected stream replays the history, hence the event ids seen.
 */
final class ProgressLine implements AutoCloseable {
    private final String environmentId;
    private final PrintStream err;
    private final boolean inPlace;
    private final long started = System.nanoTime();
    private final List<String> steps = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private boolean finished;
    private int drawnWidth;

    ProgressLine(String environmentId, PrintStream err, boolean inPlace) {
        this.environmentId = environmentId;
        this.err = err;
        this.inPlace = inPlace;
        draw();
    }

    synchronized void accept(LifecycleEvent event) {
        if (!finished && (event.eventId() == null || seen.add(event.eventId()))) {
            steps.add(describe(event));
            draw();
        }
    }

    /** {@code ServiceReady (aws_s3)}: the type, and the service when the event is about one. */
    static String describe(LifecycleEvent event) {
        String service = event.payload().path("service").asText("");
        return service.isEmpty() ? event.type() : event.type() + " (" + service + ")";
    }

    synchronized void finish(String status) {
        finished = true;
        show(environmentId + " is " + status + " after " + seconds() + " s");
        err.println();
        err.flush();
    }

    /** A wait that ended in an error: the line is ended, so the error's own line follows it cleanly. */
    @Override
    public synchronized void close() {
        if (!finished) {
            finished = true;
            if (inPlace) {
                err.println();
                err.flush();
            }
        }
    }

    private void draw() {
        show("provisioning " + environmentId + ": " + (steps.isEmpty() ? "waiting for its events"
                : String.join(", ", steps)) + "... " + seconds() + " s");
        if (!inPlace) {
            err.println();
        }
        err.flush();
    }

    private void show(String text) {
        if (inPlace) {
            // Spaces wipe what a longer line before left behind
            err.print("\r" + text + " ".repeat(Math.max(0, drawnWidth - text.length())));
            drawnWidth = text.length();
        } else {
            err.print(text);
        }
    }

    private long seconds() {
        return (System.nanoTime() - started) / 1_000_000_000L;
    }
}
