package io.mockfactory.environment.projection;

import io.mockfactory.events.Message;
import io.mockfactory.events.environment.ServiceDestroyed;
import io.mockfactory.events.environment.ServiceFailed;
import io.mockfactory.events.environment.ServiceProvisioning;
import io.mockfactory.events.environment.ServiceReady;
import io.mockfactory.events.environment.ServiceStarted;
import io.mockfactory.events.environment.ServiceStopped;
import io.mockfactory.events.status.ServiceStatus;

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
            return new Change(e.service(), status(ServiceStatus.PROVISIONING), null);
        }
        if (event instanceof ServiceReady e) {
            return new Change(e.service(), running(e.port()), e.endpoint());
        }
        if (event instanceof ServiceStarted e) {
            return new Change(e.service(), running(e.port()), null);
        }
        if (event instanceof ServiceFailed e) {
            return new Change(e.service(), status(ServiceStatus.FAILED), null);
        }
        if (event instanceof ServiceStopped e) {
            return new Change(e.service(), status(ServiceStatus.STOPPED), null);
        }
        ServiceDestroyed destroyed = (ServiceDestroyed) event;
        return new Change(destroyed.service(), status(ServiceStatus.DESTROYED), null);
    }

    private static String status(ServiceStatus status) {
        return "{\"status\":\"" + status.wireName() + "\"}";
    }

    private static String running(int port) {
        return "{\"status\":\"" + ServiceStatus.RUNNING.wireName() + "\",\"port\":" + port + "}";
    }
}
