package io.mockfactory.billing.pricing;

import io.mockfactory.billing.metering.UsageQueries;
import io.mockfactory.internal.billing.Estimate;
import io.mockfactory.internal.billing.EstimateItem;
import io.mockfactory.internal.billing.Granularity;
import io.mockfactory.internal.billing.UsageLine;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The current calendar month (UTC) so far: the tier's monthly base, its price for every service-hour used, and its
 * price for every GiB-month stored. A GiB-month is 2^30 bytes kept for the whole month, so byte-hours are divided
 * by 2^30 and by the month's hours, as S3 bills. Stopped environments' storage is in the storage line (a stopped
 * environment keeps its data), and is also shown apart so it is visible what stopped environments cost.
 */
@Singleton
public class CostEstimator {
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final BigDecimal BYTES_PER_GIB = BigDecimal.valueOf(1L << 30);
    private static final int QUANTITY_SCALE = 6;

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
        BigDecimal byteHoursPerGibMonth = BYTES_PER_GIB.multiply(BigDecimal.valueOf(month.lengthOfMonth() * 24L));
        Map<String, BigDecimal> serviceHours = new TreeMap<>();
        Map<String, BigDecimal> storage = new TreeMap<>();
        BigDecimal stoppedStorage = BigDecimal.ZERO;
        for (UsageLine line : usage.usage(owner, start, now.plusNanos(1000), Granularity.DAY)) {
            switch (line.metric()) {
                case UsageQueries.SERVICE_SECONDS -> serviceHours.merge(line.serviceType(), line.quantity(), BigDecimal::add);
                case UsageQueries.STORAGE_BYTE_HOURS -> storage.merge(line.serviceType(), line.quantity(), BigDecimal::add);
                case UsageQueries.STOPPED_STORAGE_BYTE_HOURS -> stoppedStorage = stoppedStorage.add(line.quantity());
                default -> { }
            }
        }
        serviceHours.replaceAll((type, seconds) -> per(seconds, SECONDS_PER_HOUR));
        storage.replaceAll((type, byteHours) -> per(byteHours, byteHoursPerGibMonth));
        BigDecimal stoppedGibMonths = per(stoppedStorage, byteHoursPerGibMonth);

        PriceSheet.Price price = prices.of(tier);
        List<EstimateItem> items = new ArrayList<>();
        items.add(item("monthly_base", null, BigDecimal.ONE, "month", price.monthlyBase(), true));
        serviceHours.forEach((type, hours) -> items.add(item("service_hours", type, hours, "hour", price.perServiceHour(), true)));
        storage.forEach((type, gibMonths) -> items.add(item("storage", type, gibMonths, "GiB-month", price.perGibMonth(), true)));
        if (stoppedGibMonths.signum() > 0) {
            items.add(item("stopped_storage", null, stoppedGibMonths, "GiB-month", price.perGibMonth(), false));
        }
        BigDecimal total = items.stream().filter(EstimateItem::included).map(EstimateItem::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
        BigDecimal usageCost = total.subtract(items.get(0).amount());
        return new Estimate(tier, prices.currency(), start, end, now, price.monthlyBase(), price.perServiceHour(),
                price.perGibMonth(), serviceHours, storage, stoppedGibMonths, usageCost, total, items);
    }

    private static BigDecimal per(BigDecimal quantity, BigDecimal divisor) {
        return quantity.divide(divisor, QUANTITY_SCALE, RoundingMode.HALF_UP);
    }

    private static EstimateItem item(String item, String serviceType, BigDecimal quantity, String unit, BigDecimal unitPrice,
                                     boolean included) {
        return new EstimateItem(item, serviceType, quantity, unit, unitPrice,
                quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP), included);
    }
}
