package org.detectgpt.hub;

/** Told of a pull's progress; every method does nothing by default. */
public interface PullListener {
    /**
     * @param file the file
     * @param alreadyHave bytes already in the cache (a complete or partial earlier download)
     */
    default void fileStarted(RemoteFile file, long alreadyHave) {}

    /**
     * @param file the file
     * @param done bytes of it on disk so far
     */
    default void bytes(RemoteFile file, long done) {}

    /** @param file the file, downloaded and verified */
    default void fileDone(RemoteFile file) {}

    /**
     * @param file the file
     * @param problem why the transfer stopped; it will be resumed
     */
    default void retrying(RemoteFile file, String problem) {}
}
