package io.mockfactory.events.command;

import io.mockfactory.events.Message;

public record StartEnvironment() implements Message {
}
