package io.mockfactory.cli;

import java.util.concurrent.Callable;

/** A command that runs with the {@link CliContext} (handed over by {@link CommandFactory}); answers its exit code. */
public abstract class CliCommand implements Callable<Integer> {
    protected final CliContext context;

    protected CliCommand(CliContext context) {
        this.context = context;
    }
}
