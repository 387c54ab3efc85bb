package io.mockfactory.billing.pricing;

import io.mockfactory.internal.billing.Granularity;
import io.mockfactory.billing.metering.UsageQueries;
import io.mockfactory.internal.billing.Estimate;
import io.mockfactory.internal.billing.UsageLine;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/** The current calendar month (UTC) so far: the tier's monthly base plus its price for every service-hour used. */
@Singleton
public class CostEstimator {
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    private final UsageQueries usage;
    private final PriceSheet prices;
    private final Clock clock;

    public CostEstimator(UsageQueries usage, PriceSheet prices) {
        this(usage, prices, Clock.systemUTC());
    }

    CostEstimator(UsageQueries usage, PriceSheet prices, Clock clock) {
        this.usage = usage;
        this.prices = prices;
        this.clock = clock;
    }

    public Estimate estimate(String owner, String tier) throws Exception {
        Instant now = clock.instant();
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Map<String, BigDecimal> hours = new TreeMap<>();
        for (UsageLine line : usage.usage(owner, start, now.plusNanos(1000), Granularity.DAY)) {
            if (UsageQueries.SERVICE_SECONDS.equals(line.metric())) {
                hours.merge(line.serviceType(), line.quantity(), BigDecimal::add);
            }
        }
        hours.replaceAll((type, seconds) -> seconds.divide(SECONDS_PER_HOUR, MathContext.DECIMAL64).setScale(6, RoundingMode.HALF_UP));
        PriceSheet.Price price = prices.of(tier);
        BigDecimal serviceHours = hours.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal usageCost = serviceHours.multiply(price.perServiceHour()).setScale(2, RoundingMode.HALF_UP);
        return new Estimate(tier, prices.currency(), start, end, now, price.monthlyBase(), price.perServiceHour(), hours,
                usageCost, price.monthlyBase().add(usageCost).setScale(2, RoundingMode.HALF_UP));
    }
}
