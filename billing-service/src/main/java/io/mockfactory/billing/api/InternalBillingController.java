package io.mockfactory.billing.api;

import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.billing.metering.UsageQueries;
import io.mockfactory.internal.billing.UsageWindow;
import io.mockfactory.billing.pricing.CostEstimator;
import io.mockfactory.internal.billing.BillingOperations;
import io.mockfactory.internal.billing.Estimate;
import io.mockfactory.internal.billing.UsageReport;

/** The gateway's billing queries (internal token enforced on this service); every one names the owner. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class InternalBillingController implements BillingOperations {
    private final UsageQueries usage;
    private final CostEstimator estimator;

    public InternalBillingController(UsageQueries usage, CostEstimator estimator) {
        this.usage = usage;
        this.estimator = estimator;
    }

    @Override
    public UsageReport usage(String userId, String from, String to, String granularity) throws Exception {
        UsageWindow window = UsageWindow.parse(from, to, granularity);
        return new UsageReport(window.from(), window.to(), granularity,
                usage.usage(userId, window.from(), window.to(), window.granularity()));
    }

    @Override
    public Estimate estimate(String userId, String tier) throws Exception {
        return estimator.estimate(userId, tier);
    }
}
