package io.mockfactory.gateway.billing;

import io.mockfactory.internal.billing.UsageLine;
import io.mockfactory.internal.billing.UsageReport;

/** A usage report as CSV (RFC 4180 line ends), one line per period and metric, for spreadsheets and scripts. */
final class UsageCsv {
    static final String HEADER = "period_start,period_end,service_type,metric,quantity";

    private UsageCsv() {
    }

    static String render(UsageReport report) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (UsageLine line : report.items()) {
            // Every value is an instant, a service-type name, a metric name or a number: nothing needs quoting
            csv.append(line.periodStart()).append(',').append(line.periodEnd()).append(',')
                    .append(line.serviceType() == null ? "" : line.serviceType()).append(',')
                    .append(line.metric()).append(',').append(line.quantity().toPlainString()).append("\r\n");
        }
        return csv.toString();
    }
}
