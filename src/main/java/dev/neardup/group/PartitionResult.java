package dev.neardup.group;

import java.util.List;

/**
 * What phase 1 found for one partition: the verified earlier neighbours of each of its images, and
 * what the search cost. A {@code NeighbourStore} keeps one per partition until phase 2 reads them
 * all.
 *
 * @param partition which part
 * @param fingerprint the visit order and settings it was computed for ({@link
 *     EarlierNeighbours#fingerprint}); phase 2 refuses results of another order or settings
 * @param images images in the whole visit order
 * @param searched images of this partition that were searched (or grouped per camera)
 * @param probes the images with at least one verified earlier neighbour
 * @param stats what phase 1's searches did (its {@code checked} is the pairs verified)
 * @param failures checks that failed and were contained, in the order they failed
 */
public record PartitionResult(
    Partition partition,
    String fingerprint,
    int images,
    int searched,
    List<ProbeNeighbours> probes,
    SearchStats stats,
    List<FailedCheck> failures) {
  public PartitionResult {
    java.util.Objects.requireNonNull(partition, "partition");
    java.util.Objects.requireNonNull(fingerprint, "fingerprint");
    probes = List.copyOf(probes);
    failures = List.copyOf(failures);
  }

  /** Verified duplicate pairs recorded (neighbours over every probe). */
  public long neighbours() {
    return probes.stream().mapToLong(p -> p.neighbours().size()).sum();
  }
}
