package io.mockfactory.kit.db;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every migration of every module is expand-only, because the release before it must keep working on the schema
 * it leaves: during a rolling update, and after a rollback (SchemaMigrator then ignores the newer "future"
 * migrations; this test is what makes that safe). Removing or reshaping something the previous release uses (a
 * contract step) waits for a later release and says so with {@code -- contract: <which release stopped using it>}
 * on its line or the line before.
 *
 * <p>No migration is allow-listed: every one written before this rule was checked and none has a contract step.
 * Should one ever need it, allow-list it here by file name rather than adding the marker to it: editing an applied
 * migration changes its checksum, and every database it ran on then refuses to start.
 */
class MigrationsAreExpandOnlyTest {
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules", "build");

    @Test
    void everyMigrationOfEveryModuleIsExpandOnly() throws IOException {
        Path root = repositoryRoot();
        List<Path> migrations = migrations(root);
        assertTrue(migrations.contains(root.resolve("service-kit/src/main/resources/db/kit/V1__outbox_and_inbox.sql")),
                "the scan must find the kit's own migrations, found " + migrations);

        List<String> violations = new ArrayList<>();
        for (Path migration : migrations) {
            for (ContractSteps.Finding finding : ContractSteps.find(Files.readString(migration))) {
                violations.add(root.relativize(migration) + " " + finding);
            }
        }
        if (!violations.isEmpty()) {
            fail("Contract steps break the previous release, which still runs on this schema during an update and"
                    + " after a rollback. Expand now, contract in a later release once no supported release uses the"
                    + " thing, and mark that statement with '-- contract: <which release stopped using it>':\n  "
                    + String.join("\n  ", violations));
        }
    }

    @Test
    void shouldFlagADroppedColumn() {
        List<ContractSteps.Finding> findings = ContractSteps.find("""
                -- Nobody reads it anymore
                ALTER TABLE users
                    DROP COLUMN full_name;
                """);

        assertEquals(1, findings.size(), findings::toString);
        assertEquals("DROP COLUMN", findings.get(0).step());
        assertEquals(3, findings.get(0).line());
    }

    @Test
    void shouldAcceptAMarkedContractStep() {
        assertEquals(List.of(), ContractSteps.find("""
                -- contract: users.full_name is unused since release 0.4.0, which every deployment runs
                ALTER TABLE users DROP COLUMN full_name;
                ALTER TABLE users DROP COLUMN nickname; -- contract: unused since release 0.3.0
                """));
    }

    @Test
    void shouldNotAcceptAMarkerWithoutAReasonOrFarFromTheStep() {
        assertEquals(2, ContractSteps.find("""
                -- contract:
                ALTER TABLE users DROP COLUMN full_name;
                -- contract: unused since release 0.4.0

                ALTER TABLE users DROP nickname;
                """).size());
    }

    @Test
    void shouldFlagEveryKindOfContractStep() {
        List<String> steps = ContractSteps.find("""
                DROP TABLE IF EXISTS sessions;
                ALTER TABLE users RENAME TO accounts;
                ALTER TABLE accounts RENAME COLUMN email TO login;
                ALTER TABLE accounts ALTER COLUMN tier TYPE integer USING 0;
                ALTER TABLE accounts ALTER tier SET DATA TYPE bigint;
                ALTER TABLE accounts ALTER COLUMN full_name SET NOT NULL;
                ALTER TABLE accounts ADD COLUMN region text NOT NULL, DROP legacy;
                DO $$ BEGIN ALTER TABLE accounts DROP COLUMN nickname; END $$;
                """).stream().map(ContractSteps.Finding::step).toList();

        assertEquals(List.of("DROP TABLE", "RENAME", "RENAME", "ALTER COLUMN ... TYPE", "ALTER COLUMN ... TYPE",
                "SET NOT NULL on a column without DEFAULT", "ADD COLUMN ... NOT NULL without DEFAULT", "DROP COLUMN",
                "DROP COLUMN"), steps);
    }

    @Test
    void shouldAcceptExpandSteps() {
        assertEquals(List.of(), ContractSteps.find("""
                -- DROP TABLE users; in a comment, /* DROP COLUMN x */ or a string is no step
                CREATE TABLE sessions (id text PRIMARY KEY, user_id text NOT NULL, note text DEFAULT 'drop table x;');
                /* ALTER TABLE sessions DROP COLUMN note; */
                ALTER TABLE environments ADD COLUMN endpoints JSONB NOT NULL DEFAULT '{}'::jsonb;
                ALTER TABLE environments ADD COLUMN idle_minutes int, ADD CONSTRAINT positive CHECK (idle_minutes > 0);
                ALTER TABLE environments ALTER COLUMN idle_minutes SET DEFAULT 30, ALTER COLUMN idle_minutes SET NOT NULL;
                ALTER TABLE environments ALTER COLUMN last_error DROP NOT NULL, DROP CONSTRAINT positive;
                ALTER TABLE environments RENAME CONSTRAINT a TO b;
                CREATE INDEX "drop column" ON environments (user_id);
                ALTER INDEX environments_by_user RENAME TO environments_by_owner;
                """));
    }

    /** The directory above the working directory that holds the whole build (mvnw and the root pom with this module). */
    static Path repositoryRoot() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(pom)
                    && Files.readString(pom).contains("<module>service-kit</module>")) {
                return dir;
            }
        }
        throw new IllegalStateException("No repository root (mvnw and a pom.xml listing service-kit) above "
                + Path.of("").toAbsolutePath());
    }

    /** Every service's db/migration scripts and the kit's db/kit scripts, in every module under {@code root}. */
    private static List<Path> migrations(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skip = !dir.equals(root) && (name.startsWith(".") || SKIPPED_DIRECTORIES.contains(name));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String path = root.relativize(file).toString().replace('\\', '/');
                if (path.endsWith(".sql") && (path.contains("/src/main/resources/db/migration/")
                        || path.startsWith("service-kit/src/main/resources/db/kit/"))) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
        return found;
    }
}
