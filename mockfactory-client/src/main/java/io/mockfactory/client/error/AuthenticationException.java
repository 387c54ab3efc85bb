package io.mockfactory.client.error;

/** 401: no credential, or one the API does not accept (a wrong, revoked or expired key or token). */
public class AuthenticationException extends MockFactoryException {
    public AuthenticationException(int status, String problemType, String message, String requestId) {
        super(status, problemType, message, requestId);
    }
}
