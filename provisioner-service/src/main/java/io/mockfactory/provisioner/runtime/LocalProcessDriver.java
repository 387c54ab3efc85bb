package io.mockfactory.provisioner.runtime;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mockfactory.events.catalog.Availability;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Native processes on this machine, one data directory per instance, one {@link LocalRecipe} per service type.
 * Every process this service started is stopped when it shuts down; the instances' recorded state brings them back
 * on the next start.
 */
@Singleton
@Named("local")
public class LocalProcessDriver implements RuntimeDriver {
    private static final Logger LOG = LoggerFactory.getLogger(LocalProcessDriver.class);

    /** An environment's instances, or a warm-pool instance's (it keeps that name after an environment leases it). */
    private static final Pattern RUNTIME_ID = Pattern.compile("(env|pool)_[A-Za-z0-9_-]+");

    private final Path root;
    private final Duration readinessTimeout;
    private final Map<String, LocalRecipe> recipes;
    private final Cgroups cgroups;
    /** Every instance process this run is responsible for: started here, or adopted from a run that crashed. */
    private final Map<Long, Instance> running = new ConcurrentHashMap<>();
    /** Guards creating and removing environments' directories. */
    private final Object layout = new Object();

    LocalProcessDriver(@Value("${mockfactory.provisioner.local.data-dir:/tmp/mockfactory-instances}") String dataDir,
                       @Value("${mockfactory.provisioner.readiness-timeout:30s}") Duration readinessTimeout,
                       List<LocalRecipe> recipes, Cgroups cgroups) {
        this.root = Path.of(dataDir);
        this.cgroups = cgroups;
        this.readinessTimeout = readinessTimeout;
        this.recipes = recipes.stream().collect(Collectors.toUnmodifiableMap(LocalRecipe::service, recipe -> recipe));
    }

    @Override
    public boolean supports(String service) {
        return recipes.containsKey(service);
    }

    @Override
    public long start(InstanceSpec spec) throws Exception {
        LocalRecipe recipe = recipes.get(spec.service());
        Path dir = dataDir(spec.runtimeId(), spec.service());
        claimParent(dir);
        if (!recipe.runsAsAnotherUser()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        stopUnrecordedPredecessor(dir, recipe);
        Process process = recipe.launch(spec, dir);
        running.put(process.pid(), new Instance(recipe, dir));
        Files.writeString(pidFile(dir), String.valueOf(process.pid()));
        boolean ready;
        try {
            ready = recipe.awaitReady(spec, dir, process, Instant.now().plus(readinessTimeout));
        } catch (Exception e) {
            // A server that answered but could not finish its start (a restore's AOF rewrite) must not outlive it
            terminate(recipe, process.pid(), dir);
            throw e;
        }
        if (ready) {
            // After readiness, so the server's own start-up forks (PostgreSQL's background workers) are confined too
            cgroups.confine(spec.runtimeId(), spec.service(), process.pid(), spec.limits());
            return process.pid();
        }
        String why = process.isAlive() ? spec.service() + " was not ready within " + readinessTimeout.toSeconds() + " s"
                : spec.service() + " exited with code " + process.exitValue();
        terminate(recipe, process.pid(), dir);
        throw new IllegalStateException(why + " (logs in " + dir.getParent() + ")");
    }

    @Override
    public boolean keepsWarmInstances(String service) {
        LocalRecipe recipe = recipes.get(service);
        return recipe != null && recipe.changesPasswordWhileRunning();
    }

    @Override
    public void takeOver(InstanceSpec spec, long pid, String poolPassword) throws Exception {
        LocalRecipe recipe = recipes.get(spec.service());
        Path dir = dataDir(spec.runtimeId(), spec.service());
        if (runs(pid, recipe, dir).isEmpty()) {
            throw new IllegalStateException("the warm " + spec.service() + " process " + pid + " no longer runs ("
                    + describe(pid) + ")");
        }
        // A process a crashed run started is this run's from now on (stopped with it, watched for death)
        running.putIfAbsent(pid, new Instance(recipe, dir));
        recipe.changePassword(spec, dir, poolPassword);
        cgroups.confine(spec.runtimeId(), spec.service(), pid, spec.limits());
    }

    @Override
    public boolean snapshots(String service) {
        LocalRecipe recipe = recipes.get(service);
        return recipe != null && recipe.snapshots();
    }

    @Override
    public long snapshot(InstanceSpec spec, long pid, Path into) throws Exception {
        LocalRecipe recipe = recipes.get(spec.service());
        Path dir = dataDir(spec.runtimeId(), spec.service());
        if (runs(pid, recipe, dir).isEmpty()) {
            throw new IllegalStateException(spec.service() + " is not running");
        }
        prepareParents(into);
        recipe.snapshot(spec, dir, into);
        return DataCopies.sizeOf(into);
    }

    @Override
    public long snapshotStopped(InstanceSpec spec, Path into) throws Exception {
        LocalRecipe recipe = recipes.get(spec.service());
        Path dir = dataDir(spec.runtimeId(), spec.service());
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(spec.service() + " has no data to copy");
        }
        // A server recorded stopped may still run (a stop cut short): its files would not be consistent
        if (recordedPid(dir).flatMap(pid -> runs(pid, recipe, dir)).isPresent()) {
            throw new IllegalStateException(spec.service() + " is still running");
        }
        prepareParents(into);
        recipe.snapshotStopped(spec, dir, into);
        return DataCopies.sizeOf(into);
    }

    @Override
    public void restore(InstanceSpec spec, Path from) throws Exception {
        LocalRecipe recipe = recipes.get(spec.service());
        Path dir = dataDir(spec.runtimeId(), spec.service());
        claimParent(dir);
        recipe.restore(spec, from, dir);
    }

    /** A running server's snapshot of redis is its RDB file ({@link RedisRecipe#restore}). */
    @Override
    public void stageRedisDump(Path rdb, Path into) throws Exception {
        Files.createDirectories(into);
        Files.move(rdb, into.resolve(RedisRecipe.DUMP));
    }

    @Override
    public void stop(String runtimeId, String service, long pid) throws Exception {
        terminate(recipes.get(service), pid, dataDir(runtimeId, service));
        cgroups.release(runtimeId, service);
    }

    @Override
    public void destroy(String runtimeId, String service, long pid) throws Exception {
        LocalRecipe recipe = recipes.get(service);
        Path dir = dataDir(runtimeId, service);
        terminate(recipe, pid, dir);
        // A process whose pid never reached the records is still named by its pid file
        stopUnrecordedPredecessor(dir, recipe);
        cgroups.release(runtimeId, service);
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        Files.deleteIfExists(dir.getParent().resolve(service + ".log"));
        Files.deleteIfExists(pidFile(dir));
        deleteIfEmpty(dir.getParent());
    }

    /**
     * The environment's directory goes with its last service (the others' destroys find it still in use). Under the
     * layout lock, so it never goes between another service's {@link #claimParent} and that service's first file.
     */
    private void deleteIfEmpty(Path environmentDir) throws IOException {
        synchronized (layout) {
            try {
                Files.deleteIfExists(environmentDir);
            } catch (DirectoryNotEmptyException stillInUse) {
                // another service of the environment is still there
            }
        }
    }

    /**
     * Makes the instance's parent (the environment's directory) and puts the instance's pid file in it at once, so a
     * sibling service's destroy, which removes the directory once empty, cannot remove it while this instance starts
     * (a seeded or restored first start destroys and starts again while its siblings do the same). An empty pid file
     * names no process, and the launch writes the real pid into it.
     */
    private void claimParent(Path dir) throws IOException {
        synchronized (layout) {
            prepareParents(dir);
            if (!Files.exists(pidFile(dir))) {
                Files.createFile(pidFile(dir));
            }
        }
    }

    /**
     * A crash between launching a server and recording its pid leaves a process nobody knows, holding the port the
     * retried start needs. The pid file written at launch names it; it is stopped if it still runs this server.
     */
    private void stopUnrecordedPredecessor(Path dir, LocalRecipe recipe) throws Exception {
        Optional<Long> recorded = recordedPid(dir);
        if (recorded.isEmpty()) {
            return;
        }
        long pid = recorded.get();
        if (!running.containsKey(pid) && runs(pid, recipe, dir).isPresent()) {
            LOG.warn("Stopping {} process {} left by a crashed run before starting its instance again", recipe.service(), pid);
            terminate(recipe, pid, dir);
        }
    }

    /** The pid the last launch wrote in the instance's pid file, if any. */
    private static Optional<Long> recordedPid(Path dir) throws IOException {
        Path pidFile = pidFile(dir);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Availability> availability() {
        return recipes.values().stream().flatMap(recipe -> recipe.availability().stream()).toList();
    }

    @Override
    public Activity activity(InstanceSpec spec) throws Exception {
        LocalRecipe recipe = recipes.get(spec.service());
        return recipe == null ? null : recipe.activity(spec);
    }

    @Override
    public List<InstanceOnDisk> instancesOnDisk() throws IOException {
        List<InstanceOnDisk> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        try (Stream<Path> environments = Files.list(root)) {
            for (Path environment : environments.filter(Files::isDirectory).toList()) {
                String runtimeId = environment.getFileName().toString();
                if (!RUNTIME_ID.matcher(runtimeId).matches()) {
                    continue;
                }
                for (String service : recipes.keySet()) {
                    if (Files.isDirectory(environment.resolve(service)) || Files.exists(pidFile(environment.resolve(service)))) {
                        found.add(new InstanceOnDisk(runtimeId, service));
                    }
                }
            }
        }
        return found;
    }

    @Override
    public boolean isAlive(String runtimeId, String service, long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public boolean adopt(String runtimeId, String service, long pid) {
        LocalRecipe recipe = recipes.get(service);
        Path dir = dataDir(runtimeId, service);
        if (recipe == null || runs(pid, recipe, dir).isEmpty()) {
            return false;
        }
        running.put(pid, new Instance(recipe, dir));
        LOG.info("Adopted {} process {} left running by a previous run", service, pid);
        return true;
    }

    /**
     * The process, if {@code pid} is alive and still the server of the instance in {@code dir} (a recycled pid is
     * someone else's, possibly running the same executable: every JVM is java).
     */
    private static Optional<ProcessHandle> runs(long pid, LocalRecipe recipe, Path dir) {
        return (pid > 0 ? ProcessHandle.of(pid) : Optional.<ProcessHandle>empty())
                .filter(ProcessHandle::isAlive)
                .filter(process -> recipe.executables().stream().anyMatch(executable -> Executables.runs(process, executable)))
                .filter(process -> recipe.isInstance(Executables.commandLine(process), dir));
    }

    /**
     * What the process behind {@code pid} looks like, for the take-over failure that once judged a live pool server gone
     * under load (the cause is not found yet). Command lines hold paths and ports, never a password.
     */
    private static String describe(long pid) {
        return ProcessHandle.of(pid).map(process -> "alive " + process.isAlive() + ", executable "
                + process.info().command().orElse("unreadable") + ", arguments '" + Executables.commandLine(process) + "'")
                .orElse("no such process");
    }

    /** Servers running as another user must be able to reach their directory: parents are traversable, not listable. */
    private void prepareParents(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        for (Path path = dir.getParent(); path != null && path.startsWith(root); path = path.getParent()) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx--x--x"));
        }
    }

    private void terminate(LocalRecipe recipe, long pid, Path dir) throws Exception {
        running.remove(pid);
        Optional<ProcessHandle> handle = runs(pid, recipe, dir);
        if (handle.isPresent()) {
            recipe.requestStop(pid);
            try {
                handle.get().onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.get().destroyForcibly();
            }
        }
    }

    private Path dataDir(String runtimeId, String service) {
        if (!RUNTIME_ID.matcher(runtimeId).matches() || !service.matches("[a-z_0-9]+")) {
            throw new IllegalArgumentException("Unexpected instance name " + runtimeId + "/" + service);
        }
        return root.resolve(runtimeId).resolve(service);
    }

    /** No process outlives this service: the launcher's Ctrl-C must leave nothing behind. */
    @PreDestroy
    void stopAll() {
        for (Map.Entry<Long, Instance> process : Map.copyOf(running).entrySet()) {
            LOG.info("Stopping instance process {} with the provisioner; it resumes on the next start", process.getKey());
            try {
                terminate(process.getValue().recipe(), process.getKey(), process.getValue().dir());
            } catch (Exception e) {
                ProcessHandle.of(process.getKey()).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** Beside the instance directory, named by its service: {@code <environment>/<service>.pid}. */
    private static Path pidFile(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".pid");
    }

    private record Instance(LocalRecipe recipe, Path dir) {
    }
}
