package dev.neardup.bench;

import dev.neardup.index.lucene.HnswCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RescoreTopNQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.VectorUtil;

/**
 * Lucene HNSW on seeded {@link StructuredVectors}: build rate, size on disk, heap held by an open
 * reader, query latency, and recall@10 against an exact scan of the same vectors.
 *
 * <p>The index is built as one segment (a RAM buffer large enough for every vector, flushed once at
 * commit), so the figures are the graph's and not those of merges. The exact top 10 of each query
 * is computed while the vectors are generated, so no vector is held in memory twice. Timings are
 * wall-clock on whatever else the machine runs; recall and sizes do not depend on load.
 */
public final class HnswBenchmark {
  private static final String FIELD = "v";
  private static final String ID = "id";
  private static final int TOP = 10;

  private HnswBenchmark() {}

  /**
   * What to build.
   *
   * @param vectors collection size
   * @param dim vector dimension
   * @param quantized int8 scalar-quantised graph (raw floats kept too)
   * @param maxConn HNSW M
   * @param beamWidth construction beam
   * @param queries queries timed and scored
   * @param widths k-NN search widths; the top 10 of each result is scored
   * @param seed seed of the vectors and queries
   */
  public record Spec(
      int vectors,
      int dim,
      boolean quantized,
      int maxConn,
      int beamWidth,
      int queries,
      List<Integer> widths,
      long seed) {
    public Spec {
      if (vectors < TOP || queries < 1 || widths.isEmpty()) {
        throw new IllegalArgumentException(
            "need >= 10 vectors, >= 1 query and a width; got "
                + vectors
                + ", "
                + queries
                + ", "
                + widths);
      }
      for (int w : widths) {
        if (w < TOP) {
          throw new IllegalArgumentException("search widths must be >= 10; got " + w);
        }
      }
      widths = List.copyOf(widths);
    }
  }

  /**
   * Figures of one search width.
   *
   * @param width k of the k-NN search
   * @param rescored the {@code width} hits were re-ranked with the full-precision vectors (only for
   *     a quantized graph)
   * @param recallAt10 mean share of the exact top 10 found in the search's top 10
   * @param p50Ms median query latency
   * @param p99Ms 99th percentile query latency
   */
  public record Search(
      int width, boolean rescored, double recallAt10, double p50Ms, double p99Ms) {}

  /**
   * Figures of one build.
   *
   * @param vectors collection size
   * @param dim dimension
   * @param quantized int8 graph
   * @param maxConn HNSW M
   * @param beamWidth construction beam
   * @param buildSeconds adding every vector and committing (graph built, segment written)
   * @param vectorsPerSecond {@code vectors / buildSeconds}
   * @param segments segments in the index (1 unless the buffer overflowed)
   * @param diskBytes size of the index files
   * @param readerHeapBytes heap held by an open reader (after a full GC; approximate)
   * @param searches one entry per width
   */
  public record Result(
      int vectors,
      int dim,
      boolean quantized,
      int maxConn,
      int beamWidth,
      double buildSeconds,
      double vectorsPerSecond,
      int segments,
      long diskBytes,
      long readerHeapBytes,
      List<Search> searches) {}

  /**
   * Runs {@link #run(Spec)} for every size and graph kind, in that order, handing each result to
   * {@code each} as it comes (a build of 30,000 vectors takes a while). The other parameters are
   * {@link Spec}'s.
   *
   * @param graphs {@code float} or {@code int8} (the quantized graph)
   * @throws IllegalArgumentException for a graph kind that is neither, before anything runs
   */
  public static List<Result> runGrid(
      List<Integer> sizes,
      List<String> graphs,
      int dim,
      int maxConn,
      int beamWidth,
      int queries,
      List<Integer> widths,
      long seed,
      Consumer<Result> each)
      throws IOException {
    for (String g : graphs) {
      if (!g.equals("float") && !g.equals("int8")) {
        throw new IllegalArgumentException("--graphs must be float or int8; got '" + g + "'");
      }
    }
    List<Result> results = new ArrayList<>();
    for (int n : sizes) {
      for (String g : graphs) {
        Result r =
            run(new Spec(n, dim, g.equals("int8"), maxConn, beamWidth, queries, widths, seed));
        each.accept(r);
        results.add(r);
      }
    }
    return results;
  }

  /** Builds, measures and deletes one index in a temporary folder. */
  public static Result run(Spec spec) throws IOException {
    StructuredVectors data = new StructuredVectors(spec.dim(), 1000, 0.6, spec.seed());
    float[][] queries = new float[spec.queries()][];
    List<PriorityQueue<double[]>> exact = new ArrayList<>();
    for (int q = 0; q < queries.length; q++) {
      queries[q] = data.query(q);
      exact.add(new PriorityQueue<>(Comparator.comparingDouble((double[] e) -> e[0])));
    }
    Path dir = Files.createTempDirectory("neardup-bench-hnsw");
    try (FSDirectory directory = FSDirectory.open(dir)) {
      IndexWriterConfig config = new IndexWriterConfig();
      config.setCodec(new HnswCodec(spec.maxConn(), spec.beamWidth(), spec.quantized()));
      config.setRAMBufferSizeMB(IndexWriterConfig.DEFAULT_RAM_PER_THREAD_HARD_LIMIT_MB - 1);
      config.setMaxBufferedDocs(IndexWriterConfig.DISABLE_AUTO_FLUSH);
      double generateSeconds = 0;
      long start = System.nanoTime();
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (int i = 0; i < spec.vectors(); i++) {
          long g = System.nanoTime();
          float[] v = data.vector(i);
          for (int q = 0; q < queries.length; q++) {
            offer(exact.get(q), VectorUtil.dotProduct(queries[q], v), i);
          }
          generateSeconds += (System.nanoTime() - g) / 1e9;
          Document doc = new Document();
          doc.add(new KnnFloatVectorField(FIELD, v, VectorSimilarityFunction.COSINE));
          doc.add(new StoredField(ID, i));
          writer.addDocument(doc);
        }
        writer.commit();
      }
      double buildSeconds = (System.nanoTime() - start) / 1e9 - generateSeconds;
      long disk = diskBytes(dir);
      long heapBefore = usedHeapAfterGc();
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        long readerHeap = Math.max(0, usedHeapAfterGc() - heapBefore);
        IndexSearcher searcher = new IndexSearcher(reader);
        List<Search> searches = new ArrayList<>();
        for (int width : spec.widths()) {
          searches.add(search(searcher, queries, exact, width, false));
          if (spec.quantized()) {
            searches.add(search(searcher, queries, exact, width, true));
          }
        }
        return new Result(
            spec.vectors(),
            spec.dim(),
            spec.quantized(),
            spec.maxConn(),
            spec.beamWidth(),
            buildSeconds,
            spec.vectors() / buildSeconds,
            reader.leaves().size(),
            disk,
            readerHeap,
            searches);
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static Search search(
      IndexSearcher searcher,
      float[][] queries,
      List<PriorityQueue<double[]>> exact,
      int width,
      boolean rescore)
      throws IOException {
    StoredFields stored = searcher.getIndexReader().storedFields();
    // One untimed pass warms the page cache and the JIT; then every query is timed.
    for (float[] q : queries) {
      searcher.search(query(q, width, rescore), width);
    }
    double[] ms = new double[queries.length];
    double found = 0;
    for (int q = 0; q < queries.length; q++) {
      long t = System.nanoTime();
      TopDocs top = searcher.search(query(queries[q], width, rescore), width);
      ms[q] = (System.nanoTime() - t) / 1e6;
      Set<Integer> truth = new HashSet<>();
      for (double[] e : exact.get(q)) {
        truth.add((int) e[1]);
      }
      ScoreDoc[] docs = top.scoreDocs;
      for (int i = 0; i < Math.min(TOP, docs.length); i++) {
        int id = stored.document(docs[i].doc).getField(ID).numericValue().intValue();
        if (truth.contains(id)) {
          found++;
        }
      }
    }
    Arrays.sort(ms);
    return new Search(
        width,
        rescore,
        found / (TOP * (double) queries.length),
        ms[ms.length / 2],
        ms[Math.min(ms.length - 1, (int) Math.ceil(ms.length * 0.99) - 1)]);
  }

  private static Query query(float[] q, int width, boolean rescore) {
    Query knn = new KnnFloatVectorQuery(FIELD, q, width);
    return rescore ? RescoreTopNQuery.createFullPrecisionRescorerQuery(knn, q, FIELD, width) : knn;
  }

  private static void offer(PriorityQueue<double[]> top, double score, int id) {
    if (top.size() < TOP) {
      top.add(new double[] {score, id});
    } else if (score > top.peek()[0]) {
      top.poll();
      top.add(new double[] {score, id});
    }
  }

  private static long diskBytes(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      long total = 0;
      for (Path p : s.toList()) {
        total += Files.size(p);
      }
      return total;
    }
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
