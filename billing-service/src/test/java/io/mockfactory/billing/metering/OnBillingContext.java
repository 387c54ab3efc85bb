package io.mockfactory.billing.metering;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One billing-service context per test class, in its own schema, with scheduled reporting kept out of the way. */
public abstract class OnBillingContext {
    protected static ApplicationContext context;

    @BeforeAll
    static void startBilling() {
        context = MeteringHistory.context();
    }

    @AfterAll
    static void stopBilling() {
        context.close();
    }
}
