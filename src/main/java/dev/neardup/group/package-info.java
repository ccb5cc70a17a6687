/**
 * Stage 5, grouping: leader clustering over verified pairs, so that every removed image is a
 * verified duplicate of the image kept in its place (no chains). {@link dev.neardup.group.Grouper}
 * is the algorithm; the records carry the evidence into reports. The two-phase dedup gives the same
 * answer on several workers: {@link dev.neardup.group.EarlierNeighbours} (phase 1, one {@link
 * dev.neardup.group.Partition} each) and {@link dev.neardup.group.NeighbourGrouping} (phase 2, one
 * pass).
 */
package dev.neardup.group;
