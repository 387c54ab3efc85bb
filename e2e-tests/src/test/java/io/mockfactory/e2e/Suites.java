package io.mockfactory.e2e;

import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.util.Map;
import java.util.stream.Collectors;

/** Runs test classes the way a user's build would, through the JUnit Platform, and reports what happened. */
final class Suites {
    private Suites() {
    }

    static TestExecutionSummary run(Map<String, String> configuration, Class<?>... classes) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(java.util.Arrays.stream(classes).map(DiscoverySelectors::selectClass).collect(Collectors.toList()))
                .configurationParameters(configuration).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary);
        return summary.getSummary();
    }

    /** Every failure's message, causes included, for assertion messages and checks. */
    static String failures(TestExecutionSummary summary) {
        StringBuilder all = new StringBuilder();
        summary.getFailures().forEach(failure -> {
            for (Throwable cause = failure.getException(); cause != null; cause = cause.getCause()) {
                all.append(failure.getTestIdentifier().getDisplayName()).append(": ").append(cause).append('\n');
            }
        });
        return all.toString();
    }
}
