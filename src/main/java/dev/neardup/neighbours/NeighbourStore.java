package dev.neardup.neighbours;

import dev.neardup.group.PartitionResult;
import java.io.IOException;
import java.util.List;

/**
 * Keeps the results of phase 1 of the two-phase dedup, one per partition, until phase 2 reads them
 * all ({@link dev.neardup.group.EarlierNeighbours}, {@link dev.neardup.group.NeighbourGrouping}).
 *
 * <p>A result is written whole or not at all: a worker killed half-way leaves no result, and its
 * partition counts as missing. Writing a partition again replaces its result.
 */
public interface NeighbourStore {
  /** Stores one partition's result, replacing an earlier one of the same partition. */
  void write(PartitionResult result) throws IOException;

  /**
   * Every partition's result, 1..N in order.
   *
   * @throws MissingPartitionsException naming the partitions whose result is missing (or, when
   *     there is none at all, saying so)
   * @throws IOException when a result cannot be read, or results of different partition counts are
   *     mixed
   */
  List<PartitionResult> readAll() throws IOException;

  /** Where the results live, for messages. */
  String describe();

  /** Where one partition's result lives, for messages. */
  default String describe(dev.neardup.group.Partition p) {
    return describe() + ", partition " + p;
  }
}
