/**
 * The library that shells use: {@link dev.neardup.pipeline.Engine} loads the model and opens the
 * index once; {@link dev.neardup.pipeline.Indexer} brings the index up to date with decoding
 * overlapped with inference; {@link dev.neardup.pipeline.Deduplicator} groups and queries; {@link
 * dev.neardup.pipeline.DedupSession} makes a dedup's decisions for every shell (exclusions,
 * references, pictures before moves, what moves, the manifest's name) and holds the one grouping
 * cache; {@link dev.neardup.pipeline.Ingestor} decides each arriving image, with who sent it
 * ({@link dev.neardup.pipeline.Submitted}, {@link dev.neardup.pipeline.SourceStats}); {@link
 * dev.neardup.pipeline.Reconciler} recovers its upload storage after a crash and removes
 * near-duplicates that several ingestors accepted at once.
 */
package dev.neardup.pipeline;
