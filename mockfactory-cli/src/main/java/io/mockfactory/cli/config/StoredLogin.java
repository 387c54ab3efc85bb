package io.mockfactory.cli.config;

/** What {@code mockfactory login} stored: the URL and its API key. {@link #toString()} never shows the key. */
public record StoredLogin(String url, String apiKey) {
    @Override
    public String toString() {
        return "StoredLogin[url=" + url + ", apiKey=" + (apiKey == null ? "none" : "set") + "]";
    }
}
