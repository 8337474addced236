package org.detectgpt.spark;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.LocalFileSystem;

/**
 * The local file system ({@code fs.file.impl} of the retry test's session), whose first open of a file named
 * {@code fail-once.txt} kills the task (an {@link Error}, which no document handling catches), so
 * that Spark runs the task again: how the tests see that a retried task writes nothing twice.
 */
public final class FlakyFileSystem extends LocalFileSystem {
    static final AtomicBoolean FAILED = new AtomicBoolean();

    /** The failure a task attempt dies of. */
    static final class InjectedFailure extends Error {
        private static final long serialVersionUID = 1L;

        InjectedFailure() {
            super("injected task failure");
        }
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        if (f.getName().equals("fail-once.txt") && FAILED.compareAndSet(false, true)) {
            throw new InjectedFailure();
        }
        return super.open(f, bufferSize);
    }
}
