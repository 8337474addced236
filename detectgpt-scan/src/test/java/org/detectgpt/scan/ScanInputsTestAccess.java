package org.detectgpt.scan;

import java.nio.file.Path;

/** Lets the CLI's tests make named pipes the way the scan tests do (the scan test-jar is on their class path). */
public final class ScanInputsTestAccess {
    private ScanInputsTestAccess() {}

    /** @return {@code p}, made a named pipe; the test is skipped where mkfifo is missing */
    public static Path mkfifo(Path p) throws Exception {
        return ScanInputsTest.mkfifo(p);
    }
}
