package io.mockfactory.events;

/** A command or event payload. Its wire name and version come from {@link MessageType}, never the Java class name. */
public interface Message {
}
