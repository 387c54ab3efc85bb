package io.mockfactory.client.error;

/** 409: the resource is not in a state that allows this (e.g. starting an environment that is running). */
public class ConflictException extends MockFactoryException {
    public ConflictException(int status, String problemType, String message, String requestId) {
        super(status, problemType, message, requestId);
    }
}
