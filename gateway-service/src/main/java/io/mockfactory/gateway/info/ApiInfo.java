package io.mockfactory.gateway.info;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

@Serdeable
public record ApiInfo(String name, String version, String description, String docs, List<String> features) {
}
