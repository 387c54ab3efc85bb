package io.mockfactory.cli.output;

/** {@code --output}: tables and lines for people, or JSON on stdout for scripts. */
public enum OutputMode {
    TEXT,
    JSON
}
