package dev.neardup.index;

/**
 * Size and modification time of a file as the index last saw it; a file whose state is unchanged is
 * not decoded again.
 *
 * @param failed true when the file could not be read last time (its reason is kept too)
 */
public record FileState(long fileSize, long mtimeMillis, boolean failed) {}
