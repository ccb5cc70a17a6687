package dev.neardup.bench;

import java.util.Random;

/**
 * Seeded synthetic embeddings with structure: unit vectors scattered around a fixed set of cluster
 * centres, as real image embeddings cluster by content.
 *
 * <p>Why not plain Gaussian vectors: in 2048 dimensions random directions are all nearly
 * orthogonal, every distance looks the same and HNSW recall looks broken (see PLATFORM.md). Vector
 * {@code i} depends only on the seed and {@code i}, so a benchmark can regenerate any vector
 * instead of holding a million of them.
 */
public final class StructuredVectors {
  private final int dim;
  private final float[][] centres;
  private final double spread;
  private final long seed;

  /**
   * @param dim vector dimension
   * @param clusters number of cluster centres
   * @param spread standard deviation of the offset from the centre, relative to the centre's unit
   *     length (0.6 puts a vector's nearest neighbours at cosine ~0.7 to 0.8)
   * @throws IllegalArgumentException when a value is out of range
   */
  public StructuredVectors(int dim, int clusters, double spread, long seed) {
    if (dim < 1 || clusters < 1 || !(spread > 0)) {
      throw new IllegalArgumentException(
          "dim and clusters must be >= 1 and spread > 0; got "
              + dim
              + ", "
              + clusters
              + ", "
              + spread);
    }
    this.dim = dim;
    this.spread = spread;
    this.seed = seed;
    this.centres = new float[clusters][];
    Random random = new Random(seed);
    for (int c = 0; c < clusters; c++) {
      centres[c] = gaussianUnit(random, dim);
    }
  }

  /** Vector {@code i} of the collection: always the same for the same seed. */
  public float[] vector(long i) {
    return around(new Random(seed * 0x9E3779B97F4A7C15L + i), centres[(int) (i % centres.length)]);
  }

  /** Query {@code q}: from the same distribution, but not one of the collection's vectors. */
  public float[] query(int q) {
    Random r = new Random(~seed * 31 + q);
    return around(r, centres[r.nextInt(centres.length)]);
  }

  private float[] around(Random r, float[] centre) {
    float[] v = new float[dim];
    double scale = spread / Math.sqrt(dim);
    double norm = 0;
    for (int d = 0; d < dim; d++) {
      v[d] = (float) (centre[d] + r.nextGaussian() * scale);
      norm += v[d] * v[d];
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int d = 0; d < dim; d++) {
      v[d] *= inv;
    }
    return v;
  }

  private static float[] gaussianUnit(Random r, int dim) {
    float[] v = new float[dim];
    double norm = 0;
    for (int d = 0; d < dim; d++) {
      v[d] = (float) r.nextGaussian();
      norm += v[d] * v[d];
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int d = 0; d < dim; d++) {
      v[d] *= inv;
    }
    return v;
  }
}
