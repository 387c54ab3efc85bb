package io.mockfactory.events;

/** Kafka topic names: the one place they are spelled, for producers and listeners alike. */
public final class Topics {
    public static final String ENVIRONMENT_COMMANDS = "mockfactory.environment.commands";
    public static final String ENVIRONMENT_EVENTS = "mockfactory.environment.events";
    public static final String USER_EVENTS = "mockfactory.user.events";
    public static final String BILLING_EVENTS = "mockfactory.billing.events";

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
