package io.mockfactory.events.environment;

import io.mockfactory.events.Message;

/** @param endpoint the connection string with any password masked; secrets never travel on Kafka */
public record ServiceReady(String service, String version, String host, Integer port, String endpoint)
        implements Message {
}
