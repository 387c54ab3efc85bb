package io.mockfactory.kit.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The secret files a deployment says this service cannot run without ({@code MOCKFACTORY_REQUIRED_SECRETS}, a
 * comma-separated list of file names under the secrets directory), checked before anything starts so a missing
 * one is named instead of surfacing later as an empty password. Reads a file only to see it is not blank; its
 * content never reaches a message.
 */
final class RequiredSecrets {
    static final String VARIABLE = "MOCKFACTORY_REQUIRED_SECRETS";

    private RequiredSecrets() {
    }

    /** What is wrong with the required secrets, as one line, or empty when every one is usable. */
    static Optional<String> problem(String names, Path directory) {
        if (names == null || names.isBlank()) {
            return Optional.empty();
        }
        List<Path> missing = new ArrayList<>();
        List<Path> unreadable = new ArrayList<>();
        for (String raw : names.split(",")) {
            String name = raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!name.matches("[A-Za-z0-9_][A-Za-z0-9._-]*")) {
                return Optional.of(VARIABLE + " lists \"" + name + "\", which is not a file name");
            }
            Path file = directory.resolve(name);
            if (!Files.isRegularFile(file)) {
                missing.add(file);
            } else if (!Files.isReadable(file)) {
                unreadable.add(file);
            } else if (isBlank(file)) {
                missing.add(file);
            }
        }
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add(missing.size() == 1
                    ? "secret file " + missing.get(0) + " is missing or empty (deploy/generate-secrets.sh writes it)"
                    : "secret files " + join(missing) + " are missing or empty (deploy/generate-secrets.sh writes them)");
        }
        if (!unreadable.isEmpty()) {
            problems.add("secret file" + (unreadable.size() == 1 ? " " : "s ") + join(unreadable)
                    + " cannot be read by this process's user (check its owner and mode)");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private static boolean isBlank(Path file) {
        try {
            for (byte b : Files.readAllBytes(file)) {
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0B) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    private static String join(List<Path> files) {
        return String.join(", ", files.stream().map(Path::toString).toList());
    }
}
