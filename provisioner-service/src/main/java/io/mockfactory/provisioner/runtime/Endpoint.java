package io.mockfactory.provisioner.runtime;

/** Where this service reaches a running instance's server: not always the published port (see docker's network). */
public record Endpoint(String host, int port) {
}
