package io.mockfactory.events.catalog;

/**
 * Whether one version of a service type can be served right now, and if not, why and what fixes it. Owners report
 * these; the gateway shows them in the catalog and refuses a create that asks for what cannot be served.
 */
public record Availability(String type, String version, boolean available, String runtime, String reason, String fix) {

    public static Availability served(String type, String version, String runtime) {
        return new Availability(type, version, true, runtime, null, null);
    }

    public static Availability missing(String type, String version, String reason, String fix) {
        return new Availability(type, version, false, null, reason, fix);
    }
}
