package dev.neardup.index;

/**
 * One k-NN hit.
 *
 * @param docId Lucene doc id within the snapshot it came from
 * @param cosine cosine similarity to the query vector, in [-1, 1]
 */
public record Neighbor(int docId, float cosine) {}
