package io.mockfactory.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time a process and its descendants have used, from {@code /proc/<pid>/stat} (user plus system, in clock ticks of
 * 10 ms). A benchmark on two shared cores reads it around each cell to say where the cores went: the client, the
 * server, or the server's PostgreSQL (its backends are the postmaster's children).
 */
final class ProcessCpu {
    private static final double NANOS_PER_TICK = 10_000_000d;

    private ProcessCpu() {
    }

    /** Nanoseconds of CPU used so far by {@code pid} and every live descendant. */
    static long ofTree(long pid) {
        ProcessHandle root = ProcessHandle.of(pid).orElse(null);
        if (root == null) {
            return 0;
        }
        return Stream.concat(Stream.of(root), root.descendants()).mapToLong(process -> of(process.pid())).sum();
    }

    /** Nanoseconds of CPU the JIT compiler threads ({@code C1/C2 CompilerThread*}) of a JVM have used so far. */
    static long compilerNanos(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            return threads.filter(ProcessCpu::isCompilerThread).mapToLong(thread -> ticks(thread.resolve("stat"), false)).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean isCompilerThread(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm"));
            return name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler");
        } catch (IOException exited) {
            return false;
        }
    }

    static long of(long pid) {
        return ticks(Path.of("/proc", String.valueOf(pid), "stat"), true);
    }

    private static long ticks(Path statFile, boolean withChildren) {
        try {
            String stat = Files.readString(statFile);
            // Fields after the command (which may hold spaces) in parentheses: utime, stime, then cutime and cstime,
            // which hold the children that exited (a PostgreSQL backend whose connection closed)
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = 0;
            for (int field = 11; field <= (withChildren ? 14 : 12); field++) {
                ticks += Long.parseLong(fields[field]);
            }
            return (long) (ticks * NANOS_PER_TICK);
        } catch (NoSuchFileException exited) {
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + statFile, e);
        }
    }
}
