package io.mockfactory.provisioner.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/** How each service type is reached: the masked endpoint shown everywhere, and the full credentials shown once. */
public final class ConnectionStrings {
    public static final String HOST = "localhost";
    public static final String MASK = "*****";
    static final String POSTGRES_USER = "postgres";
    static final String POSTGRES_DATABASE = "testdb";

    private ConnectionStrings() {
    }

    public static String masked(String service, int port) {
        return url(service, port, MASK);
    }

    public static Map<String, Object> credentials(String service, int port, String password) {
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("url", url(service, port, password));
        credentials.put("host", HOST);
        credentials.put("port", port);
        if (service.startsWith("postgres")) {
            credentials.put("username", POSTGRES_USER);
            credentials.put("password", password);
            credentials.put("database", POSTGRES_DATABASE);
        } else {
            credentials.put("password", password);
        }
        return credentials;
    }

    private static String url(String service, int port, String password) {
        return switch (service) {
            case "redis" -> "redis://:" + password + "@" + HOST + ":" + port;
            case "postgresql", "postgis" -> "postgresql://" + POSTGRES_USER + ":" + password + "@" + HOST + ":" + port + "/" + POSTGRES_DATABASE;
            default -> throw new IllegalArgumentException("No connection string for " + service);
        };
    }
}
