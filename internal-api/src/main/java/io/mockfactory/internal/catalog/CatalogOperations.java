package io.mockfactory.internal.catalog;

import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import io.mockfactory.events.catalog.Availability;

import java.util.List;

/** The provisioner's word on which service types and versions its runtimes can serve now. */
@SerdeImport(Availability.class)
public interface CatalogOperations {

    @Serdeable
    record Versions(List<Availability> versions) {
    }

    @Get("/internal/catalog")
    Versions versions() throws Exception;
}
