package dev.neardup.config;

import dev.neardup.decode.ImageDecoder;
import dev.neardup.embed.EmbedderOptions;
import dev.neardup.embed.ModelFiles;
import dev.neardup.embed.Preprocess;
import dev.neardup.group.KeeperPolicy;
import dev.neardup.image.Thumbnails;
import dev.neardup.index.IndexOptions;
import dev.neardup.report.PairSelection;
import dev.neardup.verify.BorderMask;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.VerifyMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The built-in default of every setting: its key (an option's long name without the dashes, and the
 * key of {@code config/neardup.yaml}), its type and its value.
 *
 * <p>Why a table: picocli's option fields, the settings file loader, the config records and the
 * tests all read their defaults from here, so each default is written once. Where a package owns a
 * measured constant (the decompression-bomb limit, the thumbnail side, the model input, the pixel
 * diff's mask and fraction, Lucene's HNSW settings) the table refers to it; the figures behind it
 * stay in that constant's javadoc. {@link #text()} is the value as the command line and the
 * settings file spell it.
 */
public enum Defaults {
  // Where things are
  /** Lucene index folder. */
  INDEX("index", Path.class, Path.of("index")),
  /** TorchScript ResNet50; when the file is missing (and not named) the embedding stage is off. */
  MODEL("model", Path.class, Path.of(ModelFiles.DEFAULT_MODEL)),

  // Candidates
  /** Minimum cosine similarity of a candidate pair, in (0, 1]. */
  THRESHOLD("threshold", Double.class, 0.99),
  /** Neighbours fetched by the first HNSW search of a probe (a speed setting, never a cap). */
  SEARCH_WIDTH("search-width", Integer.class, 64),
  /** Without a model: maximum pHash distance of a candidate pair. */
  MAX_HAMMING("max-hamming", Integer.class, 10),
  /** Opt-in speed cap: pixel checks per image, 0 for none (exact). */
  MAX_CHECKS("max-checks", Integer.class, 0),
  /** Opt-in time window for camera frames ({@code 1h}, {@code 90s}), 0 for none (exact). */
  WINDOW("window", Duration.class, Duration.ZERO),

  // Verification
  /** Which verifier confirms each candidate. */
  VERIFY("verify", VerifyMode.class, VerifyMode.ALIGNED),
  /** Duplicate when the changed area is at most this fraction of the frame. */
  FRACTION("fraction", Double.class, PixelDiffParams.defaults().fraction()),
  /** Border strips painted black before differencing, in percent: left,top,right,bottom. */
  MASK("mask", String.class, BorderMask.DEFAULT.spec()),
  /** Gaussian blur kernel sizes applied in turn ({@code 5,5}); empty for none. */
  BLUR("blur", String.class, ""),
  /** Changed regions smaller than this (pixels at full resolution) are ignored. */
  MIN_CONTOUR_AREA("min-contour-area", Double.class, PixelDiffParams.DEFAULT_MIN_CONTOUR_AREA),

  // Grouping
  /** Which image of a group is kept. */
  KEEP("keep", KeeperPolicy.class, KeeperPolicy.PIXELS),
  /** Compare camera frames only within one camera. */
  SAME_CAMERA("same-camera", Boolean.class, false),

  // Reports
  /**
   * Which checked pairs {@code dedup}'s JSON report lists: {@code notable} (duplicates, failed
   * checks and near misses; the rest are counted) or {@code all}.
   */
  REPORT_PAIRS("report-pairs", PairSelection.class, PairSelection.NOTABLE),

  // Decoding and indexing
  /** Images with more pixels are refused before decoding (decompression bombs). */
  MAX_PIXELS("max-pixels", Long.class, ImageDecoder.DEFAULT_MAX_PIXELS),
  /** Longer side of the stored verification thumbnails. */
  THUMBNAIL_SIZE("thumbnail-size", Integer.class, Thumbnails.DEFAULT_MAX_SIDE),
  /** Images per model call. */
  BATCH_SIZE("batch-size", Integer.class, EmbedderOptions.DEFAULT_BATCH_SIZE),
  /** Side of the square model input (224 as trained). */
  INPUT_SIZE("input-size", Integer.class, Preprocess.CROP),
  /** Threads decoding images while the model runs (one per core of the measured machines). */
  DECODE_THREADS("decode-threads", Integer.class, EmbedderOptions.DEFAULT_INTRA_OP_THREADS),
  /** HNSW graph degree. */
  HNSW_M("hnsw-m", Integer.class, IndexOptions.defaults().maxConn()),
  /** HNSW construction beam width. */
  HNSW_BEAM("hnsw-beam", Integer.class, IndexOptions.defaults().beamWidth()),
  /**
   * Store each image's verification image in the index (self-contained, about 77 KB per 320×240
   * frame); off: the pixel check reads the files ({@link IndexOptions#storePixels}).
   */
  STORE_PIXELS("store-pixels", Boolean.class, false),
  /** Store int8 scalar-quantised vectors in the HNSW graph. */
  QUANTIZED("quantized", Boolean.class, IndexOptions.defaults().quantized()),
  /**
   * MiB of the caches of prepared images and fetched documents ({@link CacheBudget}): peak memory
   * is about this budget plus the kept set's signatures. A smaller one only recomputes more.
   */
  CACHE_MB("cache-mb", Integer.class, CacheBudget.DEFAULT_MIB),

  // Service
  /** Interface the service binds: loopback unless configured otherwise. */
  HOST("host", String.class, "127.0.0.1"),
  /** TCP port of the service; 0 picks a free one. */
  PORT("port", Integer.class, 8080),
  /** The only folders whose files may be indexed or ingested by path (comma-separated). */
  ROOTS("roots", List.class, List.of(Path.of("data"))),
  /** Where uploaded unique images are stored (under a root). */
  STORAGE("storage", Path.class, Path.of("data", "uploads")),
  /** Where duplicates go; empty: duplicate uploads are dropped. */
  QUARANTINE("quarantine", String.class, ""),
  /** Bearer token of the endpoints that change state; empty: none. */
  TOKEN("token", String.class, ""),
  /** Largest accepted image upload: 50 MiB. */
  MAX_UPLOAD_BYTES("max-upload-bytes", Long.class, 50L << 20),
  /** Images per query request. */
  MAX_QUERY_FILES("max-query-files", Integer.class, 16),
  /** A watched file is read once unchanged this many milliseconds. */
  SETTLE_MS("settle-ms", Long.class, 2000L),
  /**
   * In an index shared by several machines: a claim on an upload's bytes older than this, whose
   * image never appeared (its machine crashed), is taken over by the next upload of those bytes.
   */
  CLAIM_LEASE("claim-lease", Duration.class, Duration.ofSeconds(60));

  private static final Map<String, Defaults> BY_KEY =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Defaults::key, d -> d));

  private final String key;
  private final Class<?> type;
  private final Object value;

  Defaults(String key, Class<?> type, Object value) {
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(key + ": " + value + " is not a " + type.getSimpleName());
    }
    this.key = key;
    this.type = type;
    this.value = value;
  }

  /** The setting's key: the long option name without dashes, the key in the settings file. */
  public String key() {
    return key;
  }

  /** The value's type ({@link List} of {@link Path} for {@link #ROOTS}). */
  public Class<?> type() {
    return type;
  }

  /** The default value, of {@link #type()}. */
  public Object value() {
    return value;
  }

  /**
   * The value as the command line and the settings file spell it: enums in lower case, lists
   * comma-separated, durations in milliseconds ({@code 0} for none), paths as written.
   */
  public String text() {
    return switch (value) {
      case Enum<?> e -> e.name().toLowerCase(Locale.ROOT);
      case List<?> l -> l.stream().map(String::valueOf).collect(Collectors.joining(","));
      case Duration d -> d.isZero() ? "0" : d.toMillis() + "ms";
      default -> String.valueOf(value);
    };
  }

  /** The setting named {@code key}, if the table has it. */
  public static Optional<Defaults> byKey(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  /** The value of an {@link Integer} setting. */
  public int asInt() {
    return as(Integer.class);
  }

  /** The value of a {@link Long} setting. */
  public long asLong() {
    return as(Long.class);
  }

  /** The value of a {@link Double} setting. */
  public double asDouble() {
    return as(Double.class);
  }

  /** The value of a {@link Boolean} setting. */
  public boolean asBoolean() {
    return as(Boolean.class);
  }

  /** The value of a {@link String} setting. */
  public String asString() {
    return as(String.class);
  }

  /** The value of a {@link Path} setting. */
  public Path asPath() {
    return as(Path.class);
  }

  /** The value of a list-of-paths setting, as a new list the caller may change (picocli adds). */
  public List<Path> asPaths() {
    return new java.util.ArrayList<>(
        ((List<?>) as(List.class)).stream().map(Path.class::cast).toList());
  }

  /** The value of a {@link Duration} setting. */
  public Duration asDuration() {
    return as(Duration.class);
  }

  /** The value of an enum setting of type {@code type}. */
  public <E extends Enum<E>> E asEnum(Class<E> type) {
    return as(type);
  }

  private <T> T as(Class<T> wanted) {
    if (!wanted.equals(type)) {
      throw new IllegalStateException(
          key + " is a " + type.getSimpleName() + ", not a " + wanted.getSimpleName());
    }
    return wanted.cast(value);
  }
}
