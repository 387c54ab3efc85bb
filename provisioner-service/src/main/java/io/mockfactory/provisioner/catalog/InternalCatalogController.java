package io.mockfactory.provisioner.catalog;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import io.mockfactory.events.catalog.Availability;

import java.util.List;

/** The gateway's question (internal token enforced): which service types and versions can be created now. */
@Controller("/internal/catalog")
@ExecuteOn(TaskExecutors.BLOCKING)
@SerdeImport(Availability.class)
public class InternalCatalogController {
    private final RuntimeCatalog catalog;

    @Serdeable
    public record Versions(List<Availability> versions) {
    }

    public InternalCatalogController(RuntimeCatalog catalog) {
        this.catalog = catalog;
    }

    @Get
    public Versions versions() {
        return new Versions(catalog.versions());
    }
}
