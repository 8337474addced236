package org.detectgpt.hub;

/**
 * A file of a hub repo, as the hub's metadata describes it.
 *
 * @param name the file name in the repo, {@code /}-separated
 * @param size its size in bytes
 * @param sha256 the SHA-256 of its content for files stored in Git LFS (weights), else null
 * @param blobId the git blob id (SHA-1) for files stored in git, else the LFS SHA-256
 */
public record RemoteFile(String name, long size, String sha256, String blobId) {
    /** @return the blob's name in the cache: the LFS SHA-256, else the git blob id */
    public String cacheKey() {
        return sha256 != null ? sha256 : blobId;
    }
}
