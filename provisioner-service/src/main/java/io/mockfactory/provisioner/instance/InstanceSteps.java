package io.mockfactory.provisioner.instance;

import jakarta.inject.Singleton;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instances something is being done to in this service, one thing at a time per instance: a step of its
 * lifecycle (start, stop, destroy), or the copy of a stopped instance's files, which a start must not begin under.
 */
@Singleton
public class InstanceSteps {
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    /** @return false if something is already being done to the instance (then nothing is begun) */
    public boolean tryBegin(String environmentId, String service) {
        return busy.add(key(environmentId, service));
    }

    public void end(String environmentId, String service) {
        busy.remove(key(environmentId, service));
    }

    private static String key(String environmentId, String service) {
        return environmentId + "/" + service;
    }
}
