package dev.neardup.index;

/**
 * An image document as listed by a snapshot: its doc id there and its metadata.
 *
 * @param docId doc id, valid only within the {@link IndexSnapshot} that listed it
 * @param record metadata; vector and thumbnail are not loaded
 */
public record IndexedImage(int docId, ImageRecord record) {}
