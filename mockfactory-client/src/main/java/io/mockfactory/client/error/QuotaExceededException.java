package io.mockfactory.client.error;

/** 403 {@code quota-exceeded}: the tier's limit (running environments, services, storage) is reached. */
public class QuotaExceededException extends MockFactoryException {
    public QuotaExceededException(int status, String problemType, String message, String requestId) {
        super(status, problemType, message, requestId);
    }
}
