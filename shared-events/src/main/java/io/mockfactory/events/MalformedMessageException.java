package io.mockfactory.events;

/** A Kafka value that is not a valid envelope: retrying cannot help, so consumers dead-letter it at once. */
public class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedMessageException(String message) {
        super(message);
    }
}
