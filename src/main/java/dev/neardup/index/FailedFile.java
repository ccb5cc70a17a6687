package dev.neardup.index;

/**
 * A file that could not be read, and why. Kept in the index so that a second run skips it (until it
 * changes) and still lists it in its report.
 */
public record FailedFile(String path, String reason) {}
