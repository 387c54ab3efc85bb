package io.mockfactory.events.billing;

import io.mockfactory.events.Message;

public record QuotaExceeded(String quota, Long limit, Long requested) implements Message {
}
