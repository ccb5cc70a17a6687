package dev.neardup.pipeline;

/**
 * How busy one pipeline stage was during an index update ({@link StageClock}).
 *
 * @param stage the stage's name, e.g. {@code decode}, {@code forward}, {@code index writer}
 * @param threads threads working in the stage
 * @param busySeconds busy time summed over those threads
 * @param busyFraction {@code busySeconds / (wall seconds × threads)}: near 1, the stage is the
 *     bottleneck; well below, it waits for others
 */
public record StageProfile(String stage, int threads, double busySeconds, double busyFraction) {}
