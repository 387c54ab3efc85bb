package io.mockfactory.client.error;

/**
 * A MockFactory API call that did not succeed, built from the problem+json the API answered. The message is the
 * API's own title and detail (which never carry a secret) with the request id to quote when reporting it; the
 * client never adds a credential, a URL's query or a body to it.
 */
public class MockFactoryException extends RuntimeException {
    private final int status;
    private final String problemType;
    private final String requestId;

    public MockFactoryException(int status, String problemType, String message, String requestId) {
        super(message + (requestId == null ? "" : " (request " + requestId + ")"));
        this.status = status;
        this.problemType = problemType;
        this.requestId = requestId;
    }

    protected MockFactoryException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.problemType = null;
        this.requestId = null;
    }

    /** The HTTP status, or 0 when no answer arrived. */
    public int status() {
        return status;
    }

    /** The problem type's last segment, e.g. {@code quota-exceeded}; null when no answer arrived. */
    public String problemType() {
        return problemType;
    }

    public String requestId() {
        return requestId;
    }
}
