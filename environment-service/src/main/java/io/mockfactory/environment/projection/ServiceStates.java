package io.mockfactory.environment.projection;

import io.mockfactory.events.Message;
import io.mockfactory.events.environment.ServiceDestroyed;
import io.mockfactory.events.environment.ServiceFailed;
import io.mockfactory.events.environment.ServiceProvisioning;
import io.mockfactory.events.environment.ServiceReady;
import io.mockfactory.events.environment.ServiceStarted;
import io.mockfactory.events.environment.ServiceStopped;

/** What each service lifecycle event says about that service in the read model. */
final class ServiceStates {
    record Change(String service, String stateJson, String maskedEndpoint) {
    }

    private ServiceStates() {
    }

    static boolean isServiceEvent(Message event) {
        return event instanceof ServiceProvisioning || event instanceof ServiceReady || event instanceof ServiceFailed
                || event instanceof ServiceStopped || event instanceof ServiceStarted || event instanceof ServiceDestroyed;
    }

    static Change of(Message event) {
        if (event instanceof ServiceProvisioning e) {
            return new Change(e.service(), "{\"status\":\"provisioning\"}", null);
        }
        if (event instanceof ServiceReady e) {
            return new Change(e.service(), "{\"status\":\"running\",\"port\":" + e.port() + "}", e.endpoint());
        }
        if (event instanceof ServiceStarted e) {
            return new Change(e.service(), "{\"status\":\"running\",\"port\":" + e.port() + "}", null);
        }
        if (event instanceof ServiceFailed e) {
            return new Change(e.service(), "{\"status\":\"failed\"}", null);
        }
        if (event instanceof ServiceStopped e) {
            return new Change(e.service(), "{\"status\":\"stopped\"}", null);
        }
        ServiceDestroyed destroyed = (ServiceDestroyed) event;
        return new Change(destroyed.service(), "{\"status\":\"destroyed\"}", null);
    }
}
