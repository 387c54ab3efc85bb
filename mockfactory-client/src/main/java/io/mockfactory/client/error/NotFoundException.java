package io.mockfactory.client.error;

/** 404: no such resource, or one that belongs to another user (the API does not say which). */
public class NotFoundException extends MockFactoryException {
    public NotFoundException(int status, String problemType, String message, String requestId) {
        super(status, problemType, message, requestId);
    }
}
