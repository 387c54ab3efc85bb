package io.mockfactory.provisioner.seed;

/**
 * A seed the service refused. The message is for the user ({@code last_error}) and may quote their data; {@link #where}
 * names only the position (statement, command, queue), which is all the log gets.
 */
public class SeedFailure extends Exception {
    private static final int MAX_MESSAGE = 300;
    private final String where;

    public SeedFailure(String where, String message) {
        this(where, where, message);
    }

    /** @param shownAt where, as the user is told it (it may name their command or queue); {@code where} is logged */
    public SeedFailure(String where, String shownAt, String message) {
        super("seed failed at " + shownAt + ": " + shorten(message));
        this.where = where;
    }

    public String where() {
        return where;
    }

    /** The first line, bounded: a server's message can be long or multi-line. */
    private static String shorten(String message) {
        String first = message == null ? "unknown error" : message.strip().lines().findFirst().orElse("unknown error");
        return first.length() <= MAX_MESSAGE ? first : first.substring(0, MAX_MESSAGE) + "…";
    }
}
