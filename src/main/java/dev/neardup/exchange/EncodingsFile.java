package dev.neardup.exchange;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.neardup.image.GrayImage;
import dev.neardup.image.Signatures;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexMismatchException;
import dev.neardup.index.IndexSettings;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * An index's records in a file Python reads directly: NumPy's {@code .npz} (a zip archive), holding
 *
 * <ul>
 *   <li>{@code header.json}: format version, model id, vector dimension, preprocessing, thumbnail
 *       size, the root the paths are relative to, the record count;
 *   <li>{@code records.jsonl}: one JSON object per image, in row order: {@code path} (relative to
 *       the root), {@code sha256}, {@code size}, {@code mtime} (ms), {@code format}, {@code width},
 *       {@code height}, {@code camera} and {@code timestamp} (ms) when the name gave them, {@code
 *       phash} (16 hex digits), {@code thumb_width}, {@code thumb_height} and {@code thumbnail}
 *       (base64 of the grayscale pixels, row-major);
 *   <li>{@code vectors.npy}: little-endian float32, shape (records, dim), row i for record i;
 *       absent when the index has no model.
 * </ul>
 *
 * <pre>
 * d = numpy.load("encodings.npz")
 * vectors = d["vectors"]                                   # (n, 2048) float32
 * rows = [json.loads(l) for l in d["records.jsonl"].splitlines()]
 * header = json.loads(d["header.json"])
 * </pre>
 *
 * Importing re-creates every record (thumbnail included, so the pixel-diff check works on the
 * imported images as on indexed ones) and refuses a file made with another model.
 */
public final class EncodingsFile {
  /** Layout version of the file. */
  public static final int FORMAT = 1;

  static final String HEADER = "header.json";
  static final String RECORDS = "records.jsonl";
  static final String VECTORS = "vectors.npy";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private EncodingsFile() {}

  /**
   * What made the records, and where their paths are relative to.
   *
   * @param root absolute folder the record paths are relative to
   */
  public record Header(
      int format,
      String tool,
      String created,
      String modelId,
      int dim,
      String preprocessing,
      int thumbnailMaxSide,
      String root,
      int count) {

    /** The index settings the records were made with. */
    public IndexSettings settings() {
      return new IndexSettings(modelId, dim, preprocessing, thumbnailMaxSide);
    }
  }

  /** One record of {@code records.jsonl}. */
  public record Row(
      String path,
      String sha256,
      long size,
      long mtime,
      String format,
      int width,
      int height,
      String camera,
      Long timestamp,
      String phash,
      int thumbWidth,
      int thumbHeight,
      String thumbnail) {}

  /**
   * Writes every image of {@code index} to {@code out} (atomically: a reader never sees half a
   * file).
   *
   * @param root the folder to store paths relative to; null for the deepest folder that holds every
   *     image
   * @return the header written
   * @throws IllegalArgumentException when {@code root} does not hold every image
   */
  public static Header export(ImageIndex index, Path out, Path root, Instant now)
      throws IOException {
    IndexSettings s = index.settings();
    Path abs = out.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = abs.resolveSibling(abs.getFileName() + ".partial");
    Header header;
    try (IndexSnapshot snap = index.snapshot()) {
      List<IndexedImage> images = snap.images(p -> true);
      String base =
          root != null ? root.toAbsolutePath().normalize().toString() : commonRoot(images);
      for (IndexedImage im : images) {
        if (relative(base, im.record().path()) == null) {
          throw new IllegalArgumentException(
              "--root " + base + " does not hold " + im.record().path());
        }
      }
      header =
          new Header(
              FORMAT,
              "neardup",
              now.toString(),
              s.modelId(),
              s.dim(),
              s.preprocessing(),
              s.thumbnailMaxSide(),
              base,
              images.size());
      try (OutputStream fo = Files.newOutputStream(tmp);
          ZipOutputStream zip = new ZipOutputStream(fo)) {
        zip.putNextEntry(new ZipEntry(HEADER));
        zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(header));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(RECORDS));
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8));
        for (IndexedImage im : images) {
          w.write(
              JSON.writeValueAsString(row(base, im.record(), snap.verificationImage(im.docId()))));
          w.write('\n');
        }
        w.flush();
        zip.closeEntry();
        if (s.hasVectors()) {
          zip.putNextEntry(new ZipEntry(VECTORS));
          zip.write(npyHeader(images.size(), s.dim()));
          ByteBuffer buf = ByteBuffer.allocate(4 * s.dim()).order(ByteOrder.LITTLE_ENDIAN);
          for (IndexedImage im : images) {
            float[] v = snap.vector(im.docId());
            if (v == null || v.length != s.dim()) {
              throw new IOException(
                  "the index has no " + s.dim() + "-d vector for " + im.record().path());
            }
            buf.clear();
            buf.asFloatBuffer().put(v);
            zip.write(buf.array());
          }
          zip.closeEntry();
        }
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return header;
  }

  /** Reads the header of an export. */
  public static Header header(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return header(zip, file);
    }
  }

  private static Header header(ZipFile zip, Path file) throws IOException {
    ZipEntry e = zip.getEntry(HEADER);
    if (e == null) {
      throw new IOException(file + " is not a neardup export (no " + HEADER + ")");
    }
    Header h;
    try (InputStream in = zip.getInputStream(e)) {
      h = JSON.readValue(in, Header.class);
    }
    if (h.format() != FORMAT) {
      throw new IOException(
          file + " is export format " + h.format() + "; this version reads format " + FORMAT);
    }
    return h;
  }

  /**
   * Checks that every file was made with the same settings, and with those of the index at {@code
   * index} when there is one.
   *
   * @return the settings they share
   * @throws IndexMismatchException naming both sides when they differ
   */
  public static IndexSettings commonSettings(List<Path> files, IndexLocation index)
      throws IOException {
    IndexSettings first = null;
    Path firstFile = null;
    for (Path f : files) {
      IndexSettings s = header(f).settings();
      if (first == null) {
        first = s;
        firstFile = f;
      } else if (!first.equals(s)) {
        throw new IndexMismatchException(
            "cannot merge exports made with different settings: "
                + firstFile
                + " has "
                + describe(first)
                + ", "
                + f
                + " has "
                + describe(s));
      }
    }
    IndexSettings had = index.readSettings();
    if (first != null && had != null && !had.equals(first)) {
      throw new IndexMismatchException(
          "the index "
              + index
              + " has "
              + describe(had)
              + ", but "
              + firstFile
              + " has "
              + describe(first)
              + "; vectors of different models cannot be compared: import into another --index");
    }
    return first;
  }

  static String describe(IndexSettings s) {
    return String.format(
        Locale.ROOT,
        "model [%s] (dim %d, preprocessing %s, thumbnails %d px)",
        s.modelId(),
        s.dim(),
        s.preprocessing(),
        s.thumbnailMaxSide());
  }

  /**
   * Adds (or replaces, by path) every record of {@code file} into {@code index}, its paths
   * re-mapped by {@code map}. The caller checked the settings with {@link #commonSettings}.
   *
   * @return records imported
   */
  public static int importInto(ImageIndex index, Path file, PathMap map) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Header h = header(zip, file);
      if (!h.settings().equals(index.settings())) {
        throw new IndexMismatchException(
            file
                + " has "
                + describe(h.settings())
                + "; the index has "
                + describe(index.settings()));
      }
      ZipEntry recs = zip.getEntry(RECORDS);
      if (recs == null) {
        throw new IOException(file + " has no " + RECORDS);
      }
      DataInputStream vectors = null;
      if (h.dim() > 0) {
        ZipEntry v = zip.getEntry(VECTORS);
        if (v == null) {
          throw new IOException(file + " has no " + VECTORS + " for its " + h.dim() + "-d model");
        }
        vectors = new DataInputStream(zip.getInputStream(v));
        checkNpyHeader(vectors, h, file);
      }
      int n = 0;
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(zip.getInputStream(recs), StandardCharsets.UTF_8))) {
        byte[] raw = new byte[4 * h.dim()];
        for (String line; (line = r.readLine()) != null; ) {
          if (line.isBlank()) {
            continue;
          }
          Row row = JSON.readValue(line, Row.class);
          float[] vec = null;
          if (vectors != null) {
            vectors.readFully(raw);
            vec = new float[h.dim()];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vec);
          }
          index.put(record(h, row, vec, map));
          n++;
        }
      } finally {
        if (vectors != null) {
          vectors.close();
        }
      }
      if (n != h.count()) {
        throw new IOException(file + " promises " + h.count() + " records but holds " + n);
      }
      return n;
    }
  }

  private static Row row(String base, ImageRecord r, GrayImage t) {
    return new Row(
        relative(base, r.path()),
        r.sha256(),
        r.fileSize(),
        r.mtimeMillis(),
        r.format(),
        r.width(),
        r.height(),
        r.camera(),
        r.camera() == null ? null : r.timestampMillis(),
        HexFormat.of().toHexDigits(r.phash()),
        t.width(),
        t.height(),
        Base64.getEncoder().encodeToString(t.pixels()));
  }

  private static ImageRecord record(Header h, Row row, float[] vec, PathMap map) {
    String abs = h.root().equals("/") ? "/" + row.path() : h.root() + "/" + row.path();
    GrayImage thumb =
        new GrayImage(
            row.thumbWidth(), row.thumbHeight(), Base64.getDecoder().decode(row.thumbnail()));
    // The file carries the thumbnail, not its signatures: they are computed from it, as the
    // analyzer computed them from the same thumbnail.
    return new ImageRecord(
        map.apply(abs),
        row.sha256(),
        row.size(),
        row.mtime(),
        row.format(),
        row.width(),
        row.height(),
        row.camera(),
        row.timestamp() == null ? Long.MIN_VALUE : row.timestamp(),
        vec,
        HexFormat.fromHexDigitsToLong(row.phash()),
        thumb,
        Signatures.of(thumb));
  }

  /** {@code path} relative to {@code base} with '/' separators, or null when outside it. */
  static String relative(String base, String path) {
    if (base.equals("/")) {
      return path.startsWith("/") ? path.substring(1) : null;
    }
    return path.startsWith(base + "/") ? path.substring(base.length() + 1) : null;
  }

  /** The deepest folder that holds every image ({@code /} when nothing else does). */
  static String commonRoot(List<IndexedImage> images) {
    String common = null;
    for (IndexedImage im : images) {
      String parent = im.record().path();
      parent = parent.substring(0, Math.max(1, parent.lastIndexOf('/')));
      if (common == null) {
        common = parent;
      }
      while (!common.equals("/") && !parent.equals(common) && !parent.startsWith(common + "/")) {
        int slash = common.lastIndexOf('/');
        common = slash <= 0 ? "/" : common.substring(0, slash);
      }
    }
    return common == null ? "/" : common;
  }

  /** A NumPy 1.0 header for a C-order float32 array of shape (rows, cols), padded to 64 bytes. */
  static byte[] npyHeader(int rows, int cols) {
    String dict =
        "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
    int total = 10 + dict.length() + 1;
    int pad = (64 - total % 64) % 64;
    String h = dict + " ".repeat(pad) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    b.putShort((short) h.length());
    b.put(h.getBytes(StandardCharsets.US_ASCII));
    return b.array();
  }

  private static final Pattern SHAPE = Pattern.compile("'shape': \\((\\d+), (\\d+)\\)");

  private static void checkNpyHeader(DataInputStream in, Header h, Path file) throws IOException {
    byte[] magic = new byte[8];
    in.readFully(magic);
    if ((magic[0] & 0xff) != 0x93 || magic[6] != 1) {
      throw new IOException(file + ": " + VECTORS + " is not a NumPy 1.0 array");
    }
    int len = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
    byte[] dict = new byte[len];
    in.readFully(dict);
    String d = new String(dict, StandardCharsets.US_ASCII);
    Matcher m = SHAPE.matcher(d);
    if (!d.contains("'<f4'") || d.contains("'fortran_order': True") || !m.find()) {
      throw new IOException(file + ": " + VECTORS + " must be C-order little-endian float32; " + d);
    }
    if (Integer.parseInt(m.group(1)) != h.count() || Integer.parseInt(m.group(2)) != h.dim()) {
      throw new IOException(
          file
              + ": "
              + VECTORS
              + " has shape ("
              + m.group(1)
              + ", "
              + m.group(2)
              + "), the header says ("
              + h.count()
              + ", "
              + h.dim()
              + ")");
    }
  }
}
