/**
 * Stage 5, grouping: leader clustering over verified pairs, so that every removed image is a
 * verified duplicate of the image kept in its place (no chains). {@link dev.neardup.group.Grouper}
 * is the algorithm; the records carry the evidence into reports.
 */
package dev.neardup.group;
