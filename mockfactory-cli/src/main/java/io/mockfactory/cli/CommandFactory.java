package io.mockfactory.cli;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/** Gives each command that takes one the {@link CliContext}, instead of globals, so that tests can run them in-process. */
final class CommandFactory implements IFactory {
    private final CliContext context;

    CommandFactory(CliContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            return type.getConstructor(CliContext.class).newInstance(context);
        } catch (NoSuchMethodException noContext) {
            // picocli's own classes: converters, help mixins, version providers
            return CommandLine.defaultFactory().create(type);
        }
    }
}
