package io.mockfactory.auth;

import io.mockfactory.kit.process.ServiceApplication;

public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        ServiceApplication.run(Application.class, args);
    }
}
