package io.mockfactory.client.error;

/**
 * MockFactory could not be reached or said it is unavailable (502, 503, 504), and retrying within the client's
 * deadline did not help.
 */
public class UnavailableException extends MockFactoryException {
    public UnavailableException(int status, String problemType, String message, String requestId) {
        super(status, problemType, message, requestId);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
