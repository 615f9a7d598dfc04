package org.galvani.journal;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real 300-tick DIRECT session written once per test class (the base), and copies of it as a key holder
 * rewrites them ({@link KeyHolderForgery}), for the tests that pin {@link JournalVerifier}'s checks one at a time
 * ({@link JournalVerifierChecksTest}, {@link JournalVerifierEdgeTest}). One instance per class; not thread-safe.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ForgedJournalFixture
{
    static final int TICKS = 300;

    @TempDir
    static Path root;
    Path base;
    KeyHolderForgery baseRecords;
    private final AtomicInteger copies = new AtomicInteger();

    @BeforeAll
    void writeBase()
    {
        base = root.resolve("base");
        JournalFixtures.writeSession(base, JournalMode.DIRECT, 0, TICKS);
        baseRecords = new KeyHolderForgery(base);
    }

    /**
     * @param prefix what the folder is for.
     * @return a new folder name of its own under the class's temporary folder (prefix-n).
     */
    Path nextDir(final String prefix)
    {
        return root.resolve(prefix + "-" + copies.incrementAndGet());
    }
}
