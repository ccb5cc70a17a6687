package dev.neardup.act;

import java.nio.file.Path;

/**
 * A file to take out of the way, and the image kept in its place.
 *
 * @param file the duplicate
 * @param root the scanned folder it was found under (its path below the root is kept when moving)
 * @param sha256 its content hash as indexed; the file is left alone if it changed since
 * @param kept the image that stays
 */
public record Removal(Path file, Path root, String sha256, Path kept) {}
