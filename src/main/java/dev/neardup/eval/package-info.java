/**
 * Measuring neardup: speed benchmarks (numbers written to files, never asserted in tests) and,
 * later, quality evaluation against ground truth.
 */
package dev.neardup.eval;
