package io.mockfactory.billing.pricing;

import io.mockfactory.billing.metering.MeteringHistory;
import io.mockfactory.billing.metering.OnBillingContext;
import io.mockfactory.billing.metering.UsageQueries;
import io.mockfactory.events.EventIds;
import io.mockfactory.internal.billing.Estimate;
import io.mockfactory.internal.billing.EstimateItem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.mockfactory.billing.metering.MeteringHistory.DAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The estimate of a month whose last day was replayed shuffled and duplicated: each service type's hours, each
 * storage type's GiB-months and the stopped part of them are the independently computed totals, priced from the
 * professional sheet, and the total is the sum of the included items.
 */
class CostEstimatorIT extends OnBillingContext {
    private static final BigDecimal GIB_MONTH_OF_NOVEMBER = BigDecimal.valueOf(1L << 30).multiply(BigDecimal.valueOf(30 * 24));

    @Test
    void shouldPriceTheReplayedMonthFromItsExactTotals() throws Exception {
        String owner = EventIds.newId("usr");
        MeteringHistory history = MeteringHistory.of(owner, new Random(21), 4);
        history.deliverShuffledAndDuplicated(context, new Random(22));
        Instant asOf = DAY.plus(Duration.ofHours(23));
        Estimate estimate = new CostEstimator(context.getBean(UsageQueries.class), context.getBean(PriceSheet.class),
                Clock.fixed(asOf, ZoneOffset.UTC)).estimate(owner, "professional");

        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), estimate.periodStart());
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), estimate.periodEnd());
        Map<String, BigDecimal> totals = new TreeMap<>();
        history.expected(estimate.periodStart(), asOf.plusNanos(1000), Duration.ofDays(1))
                .forEach((key, quantity) -> totals.merge(key.substring(key.indexOf(' ') + 1), quantity, BigDecimal::add));
        Map<String, BigDecimal> hours = new TreeMap<>();
        for (String type : new String[]{"aws_s3", "postgresql", "redis"}) {
            hours.put(type, totals.get(type).divide(BigDecimal.valueOf(3600), 6, RoundingMode.HALF_UP));
        }
        assertEquals(hours, estimate.serviceHours());
        BigDecimal stored = totals.get("storage:aws_s3").divide(GIB_MONTH_OF_NOVEMBER, 6, RoundingMode.HALF_UP);
        assertEquals(Map.of("aws_s3", stored), estimate.storageGibMonths());
        BigDecimal stopped = totals.get("stopped_storage:aws_s3").divide(GIB_MONTH_OF_NOVEMBER, 6, RoundingMode.HALF_UP);
        assertEquals(stopped, estimate.stoppedStorageGibMonths());
        assertTrue(stopped.signum() > 0 && stopped.compareTo(stored) < 0, stopped + " of " + stored);

        BigDecimal expectedTotal = new BigDecimal("29.00");
        for (BigDecimal h : hours.values()) {
            expectedTotal = expectedTotal.add(h.multiply(new BigDecimal("0.02")).setScale(2, RoundingMode.HALF_UP));
        }
        expectedTotal = expectedTotal.add(stored.multiply(new BigDecimal("0.10")).setScale(2, RoundingMode.HALF_UP));
        assertEquals(expectedTotal, estimate.total());
        assertEquals(expectedTotal.subtract(new BigDecimal("29.00")), estimate.usageCost());
        assertEquals(1 + hours.size() + 1 + 1, estimate.items().size(), estimate.items().toString());
        EstimateItem last = estimate.items().get(estimate.items().size() - 1);
        assertEquals("stopped_storage", last.item());
        assertFalse(last.included(), "stopped storage is in the storage line already");
    }
}
