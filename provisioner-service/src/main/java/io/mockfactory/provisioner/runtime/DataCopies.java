package io.mockfactory.provisioner.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Copies of instance data for snapshots and restores. cp does them, not Java's file copy: {@code --reflink=auto} shares
 * the blocks where the filesystem can (btrfs, XFS, ZFS; a snapshot then costs metadata only) and falls back to a plain
 * copy elsewhere, and {@code -a} keeps the owner (PostgreSQL's files belong to the postgres user when this runs as root).
 */
public final class DataCopies {
    private static final long COPY_TIMEOUT_MINUTES = 30;

    private DataCopies() {
    }

    /** Copies the file or directory {@code from} to {@code to}, which must not exist yet. */
    public static void copy(Path from, Path to) throws IOException, InterruptedException {
        cp(List.of("cp", "-a", "--reflink=auto", from.toString(), to.toString()));
    }

    /**
     * Like {@link #copy}, for a tree its owner changes meanwhile: a file removed between cp listing and reading it is
     * left out rather than failing the copy (a database's base backup; its recovery replays the removal).
     */
    public static void copyWhatRemains(Path from, Path to) throws IOException, InterruptedException {
        Result result = run(List.of("cp", "-a", "--reflink=auto", from.toString(), to.toString()));
        if (result.exitCode() != 0 && !result.output().lines().filter(line -> !line.isBlank())
                .allMatch(line -> line.contains("No such file or directory"))) {
            throw new IOException("cp failed: " + result.output());
        }
    }

    /** Copies what the directory {@code from} holds into the existing directory {@code to}, replacing same-named files. */
    public static void copyContents(Path from, Path to) throws IOException, InterruptedException {
        cp(List.of("cp", "-a", "--reflink=auto", from + "/.", to.toString()));
    }

    /** The bytes of every regular file under {@code dir}. */
    public static long sizeOf(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(path -> {
                try {
                    return Files.size(path);
                } catch (IOException vanished) {
                    return 0;
                }
            }).sum();
        }
    }

    /** Removes {@code path} and everything under it, if it exists. */
    public static void remove(Path path) throws IOException, InterruptedException {
        if (Files.exists(path)) {
            cp(List.of("rm", "-rf", path.toString()));
        }
    }

    /** Runs another copying tool (a database's own online backup) under the same timeout, failing with its output. */
    public static void runTool(List<String> command) throws IOException, InterruptedException {
        cp(command);
    }

    private static void cp(List<String> command) throws IOException, InterruptedException {
        Result result = run(command);
        if (result.exitCode() != 0) {
            throw new IOException(command.get(0) + " failed: " + result.output());
        }
    }

    private record Result(int exitCode, String output) {
    }

    /** The output goes to a file, not a pipe read before the wait: a hung command then times out instead. */
    private static Result run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("mockfactory-copy", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(COPY_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in " + COPY_TIMEOUT_MINUTES + " minutes");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8).strip();
            return new Result(process.exitValue(), text.length() > 2000 ? text.substring(0, 2000) : text);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
