/**
 * Stage 3, the index: one Lucene document per image (path, SHA-256, size, mtime, size in pixels,
 * camera and time from the name, pHash, grayscale thumbnail, and the embedding in an HNSW graph),
 * with the model that made it recorded in every commit.
 *
 * <p>{@link dev.neardup.index.ImageIndex} is the one interface callers use and {@link
 * dev.neardup.index.IndexSnapshot} its point-in-time view for listing, k-NN and loading thumbnails.
 * {@link dev.neardup.index.LuceneImageIndex} (the embedded default) owns the writer and a
 * near-real-time searcher, {@link dev.neardup.index.LuceneSnapshot} its view; {@link
 * dev.neardup.index.HnswCodec} lifts Lucene's 1024-dimension cap. People's review decisions ("not a
 * duplicate", "keep this one") are documents of their own kind, read as {@link
 * dev.neardup.index.Decisions}. Who sent an image and when it arrived ({@link
 * dev.neardup.index.Origin}) is stored beside its record, in fields of its own.
 */
package dev.neardup.index;
