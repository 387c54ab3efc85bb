package io.mockfactory.provisioner.catalog;

import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.internal.catalog.CatalogOperations;

/** The gateway's question (internal token enforced): which service types and versions can be created now. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class InternalCatalogController implements CatalogOperations {
    private final RuntimeCatalog catalog;

    public InternalCatalogController(RuntimeCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Versions versions() {
        return new Versions(catalog.versions());
    }
}
