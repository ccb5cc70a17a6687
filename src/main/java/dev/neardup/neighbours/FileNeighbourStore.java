package dev.neardup.neighbours;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.neardup.group.FailedCheck;
import dev.neardup.group.Partition;
import dev.neardup.group.PartitionResult;
import dev.neardup.group.ProbeNeighbours;
import dev.neardup.group.SearchStats;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Phase 1 results as files in one folder (a local or shared one): {@code part-K-of-N.jsonl.gz} per
 * partition, gzipped JSON lines: a header (partition, fingerprint, counts, search statistics), one
 * line per image with verified earlier neighbours, one per failed check.
 *
 * <p>A result is written to a temporary file in the same folder, forced to disk, then renamed over
 * its name atomically: a killed worker leaves at most a temporary file, never half a result, and
 * temporary files are not read.
 */
public final class FileNeighbourStore implements NeighbourStore {
  private static final Pattern NAME = Pattern.compile("part-(\\d+)-of-(\\d+)\\.jsonl\\.gz");
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .disable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path dir;

  /** A store in {@code dir} (created when the first result is written). */
  public FileNeighbourStore(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The first line of a file. */
  private record Header(
      int index,
      int count,
      String fingerprint,
      int images,
      int searched,
      SearchStats stats,
      int probes,
      int failures) {}

  /** The file name of a partition's result. */
  public static String fileName(Partition p) {
    return "part-" + p.index() + "-of-" + p.count() + ".jsonl.gz";
  }

  /** The file of a partition's result. */
  public Path file(Partition p) {
    return dir.resolve(fileName(p));
  }

  @Override
  public void write(PartitionResult r) throws IOException {
    Files.createDirectories(dir);
    Path target = file(r.partition());
    Path tmp = Files.createTempFile(dir, "." + fileName(r.partition()) + ".", ".tmp");
    try {
      try (var out = Files.newOutputStream(tmp)) {
        encode(r, out);
      }
      try (var ch =
          java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException(
            "cannot rename " + tmp + " to " + target + " atomically on this file system", e);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Writes {@code r} to {@code out} as this store's files hold it (gzipped JSON lines: header,
   * probes, failures), for any store that keeps the same bytes elsewhere. Does not close {@code
   * out}.
   */
  public static void encode(PartitionResult r, java.io.OutputStream out) throws IOException {
    var gz = new GZIPOutputStream(new NotClosing(out), 1 << 16);
    try (var w = new BufferedWriter(new OutputStreamWriter(gz, StandardCharsets.UTF_8))) {
      Header h =
          new Header(
              r.partition().index(),
              r.partition().count(),
              r.fingerprint(),
              r.images(),
              r.searched(),
              r.stats(),
              r.probes().size(),
              r.failures().size());
      line(w, h);
      for (ProbeNeighbours p : r.probes()) {
        line(w, p);
      }
      for (FailedCheck f : r.failures()) {
        line(w, f);
      }
    }
  }

  /**
   * Reads what {@link #encode} wrote: partition {@code p}'s result.
   *
   * @param where the bytes' place, for messages
   * @throws IOException when the bytes hold another partition or end early
   */
  public static PartitionResult decode(java.io.InputStream in, Partition p, String where)
      throws IOException {
    try (var gz = new GZIPInputStream(in, 1 << 16);
        var r = new BufferedReader(new InputStreamReader(gz, StandardCharsets.UTF_8))) {
      Header h = JSON.readValue(next(r, where), Header.class);
      if (h.index() != p.index() || h.count() != p.count()) {
        throw new IOException(where + " holds partition " + h.index() + "/" + h.count());
      }
      List<ProbeNeighbours> probes = new ArrayList<>(h.probes());
      for (int i = 0; i < h.probes(); i++) {
        probes.add(JSON.readValue(next(r, where), ProbeNeighbours.class));
      }
      List<FailedCheck> failures = new ArrayList<>(h.failures());
      for (int i = 0; i < h.failures(); i++) {
        failures.add(JSON.readValue(next(r, where), FailedCheck.class));
      }
      return new PartitionResult(
          p, h.fingerprint(), h.images(), h.searched(), probes, h.stats(), failures);
    }
  }

  /** Passes writes through and leaves the stream open on {@code close}. */
  private static final class NotClosing extends java.io.FilterOutputStream {
    NotClosing(java.io.OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  private static void line(BufferedWriter w, Object o) throws IOException {
    w.write(JSON.writeValueAsString(o));
    w.write('\n');
  }

  @Override
  public List<PartitionResult> readAll() throws IOException {
    Map<Integer, TreeSet<Integer>> byCount = new TreeMap<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        for (Path f : files) {
          Matcher m = NAME.matcher(f.getFileName().toString());
          if (m.matches()) {
            byCount
                .computeIfAbsent(Integer.parseInt(m.group(2)), c -> new TreeSet<>())
                .add(Integer.parseInt(m.group(1)));
          }
        }
      }
    }
    if (byCount.isEmpty()) {
      throw new MissingPartitionsException(
          List.of(),
          "no phase 1 results in "
              + dir
              + " (part-K-of-N.jsonl.gz): run 'neardup dedup ... --partition K/N --neighbours "
              + dir
              + "' for each K of N first");
    }
    if (byCount.size() > 1) {
      throw new IOException(
          dir
              + " holds phase 1 results of different partition counts "
              + byCount.keySet()
              + ": remove the results of the runs you do not want");
    }
    int count = byCount.keySet().iterator().next();
    TreeSet<Integer> present = byCount.get(count);
    List<String> missing = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      if (!present.contains(k)) {
        missing.add(fileName(new Partition(k, count)));
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingPartitionsException(
          missing,
          "phase 1 results missing in "
              + dir
              + ": "
              + String.join(", ", missing)
              + " (run 'neardup dedup ... --partition K/"
              + count
              + " --neighbours "
              + dir
              + "' for each; a worker that was killed leaves no result)");
    }
    List<PartitionResult> out = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      out.add(read(new Partition(k, count)));
    }
    return out;
  }

  /** One partition's result. */
  public PartitionResult read(Partition p) throws IOException {
    Path f = file(p);
    return decode(Files.newInputStream(f), p, f.toString());
  }

  private static String next(BufferedReader r, String f) throws IOException {
    String line = r.readLine();
    if (line == null) {
      throw new IOException(f + " ends early: it is not a complete phase 1 result");
    }
    return line;
  }

  @Override
  public String describe() {
    return dir.toString();
  }

  @Override
  public String describe(Partition p) {
    return file(p).toString();
  }
}
