package io.mockfactory.storage.usage;

/** What one environment stores (see {@link StoredBytes}), measured now or as last reported to billing. */
public record EnvironmentUsage(String environmentId, String userId, long bytes, long objects) {

    public boolean isZero() {
        return bytes == 0 && objects == 0;
    }

    public boolean sameFigure(EnvironmentUsage other) {
        return bytes == other.bytes && objects == other.objects;
    }
}
