/**
 * Measuring neardup's speed: one class per benchmark, each returning records that the {@code bench}
 * command writes as JSON and prints as a table.
 *
 * <p>Decode ({@link dev.neardup.bench.DecodeBenchmark}), embedding next to the raw libtorch forward
 * pass ({@link dev.neardup.bench.EmbedBenchmark}, {@link dev.neardup.bench.PrecisionBenchmark}),
 * indexing end to end ({@link dev.neardup.bench.IndexBenchmark}), Lucene HNSW on seeded vectors
 * ({@link dev.neardup.bench.HnswBenchmark}), the pixel-diff check ({@link
 * dev.neardup.bench.PixelDiffBenchmark}), each verify level ({@link
 * dev.neardup.bench.VerifyBenchmark}), dedup ({@link dev.neardup.bench.DedupBenchmark}) and camera
 * grouping against the users' exhaustive loop ({@link dev.neardup.bench.CameraBenchmark}, {@link
 * dev.neardup.bench.ExhaustiveGrouping}). {@link dev.neardup.bench.BenchSuite} runs them all and
 * {@link dev.neardup.bench.BenchmarkDoc} renders {@code docs/benchmarks.md}; {@link
 * dev.neardup.bench.ServiceLoad} loads a running service. {@link dev.neardup.bench.ScaleBenchmark}
 * ({@code bench scale}) runs index, dedup and serve as child processes on seeded folders of growing
 * size ({@link dev.neardup.bench.ScaleFolders}) and fits the slope of log(time) against log(n).
 * Numbers are written to files, never asserted in tests. Quality (precision, recall, calibration)
 * is {@code dev.neardup.eval}'s job.
 */
package dev.neardup.bench;
