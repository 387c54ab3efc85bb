package io.mockfactory.events.billing;

import io.mockfactory.events.Message;

/**
 * What one environment's emulated storage holds, as its storage service measured it at the envelope's
 * {@code occurred_at}: objects plus the parts of unfinished multipart uploads. Sent when the figure changes (and
 * once more, zero, when the environment is destroyed); a report holds until the next one, so byte-hours are the
 * area under this step function.
 *
 * @param service the emulated storage type, e.g. "aws_s3"
 */
public record StorageUsageReported(String service, long bytes, long objects) implements Message {
}
