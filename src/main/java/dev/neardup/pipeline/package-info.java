/**
 * The library that shells use: {@link dev.neardup.pipeline.Engine} loads the model and opens the
 * index once; {@link dev.neardup.pipeline.Indexer} brings the index up to date with decoding
 * overlapped with inference; {@link dev.neardup.pipeline.Deduplicator} groups, queries and removes.
 */
package dev.neardup.pipeline;
