package io.mockfactory.kit.inbox;

/**
 * Thrown by a handler when a message arrived before the one it depends on (e.g. an event about an environment whose
 * creating command, on another topic, is not consumed yet). The partition is rewound and the message retried later
 * without counting towards dead-lettering, until it is older than the inbox's patience.
 */
public class NotYetApplicableException extends RuntimeException {
    public NotYetApplicableException(String message) {
        super(message, null, false, false);
    }
}
