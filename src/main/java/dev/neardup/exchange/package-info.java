/**
 * Encodings in and out of an index: {@link dev.neardup.exchange.EncodingsFile} writes an index's
 * records to a file Python reads directly (NumPy's {@code .npz}: a zip of {@code vectors.npy}, JSON
 * lines and a JSON header) and merges such files into an index; {@link
 * dev.neardup.exchange.IndexMerge} merges whole Lucene indexes. Both refuse to mix models, and both
 * can re-map the folder the paths are stored under ({@link dev.neardup.exchange.PathMap}).
 */
package dev.neardup.exchange;
