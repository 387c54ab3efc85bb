package io.mockfactory.provisioner.pool;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the machine can spare memory for another idle server: {@code MemAvailable} from /proc/meminfo against
 * {@code mockfactory.provisioner.warm-pool.min-available-mib}. Where /proc/meminfo cannot be read, it can.
 */
@Singleton
public class MemoryHeadroom {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryHeadroom.class);

    private final Path meminfo;
    private final long minimumKib;
    private volatile boolean wasShort;

    public MemoryHeadroom(@Value("${mockfactory.provisioner.warm-pool.min-available-mib:1024}") long minimumMib) {
        this(Path.of("/proc/meminfo"), minimumMib);
    }

    MemoryHeadroom(Path meminfo, long minimumMib) {
        this.meminfo = meminfo;
        this.minimumKib = minimumMib * 1024;
    }

    public boolean allowsAnotherInstance() {
        long available = availableKib();
        boolean enough = available < 0 || available >= minimumKib;
        if (!enough && !wasShort) {
            LOG.warn("Warm pools are not refilled: {} MiB available, below the {} MiB kept free", available / 1024, minimumKib / 1024);
        }
        wasShort = !enough;
        return enough;
    }

    /** In KiB, or -1 if unknown. */
    long availableKib() {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("No MemAvailable: {}", e.toString());
        }
        return -1;
    }
}
