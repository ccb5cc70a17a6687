package dev.neardup.http;

import dev.neardup.config.Defaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the HTTP service: start from {@link #defaults()} and change what differs with {@link
 * #toBuilder()}.
 *
 * @param host interface to bind; {@code 127.0.0.1} unless configured otherwise
 * @param port TCP port; 0 picks a free one (tests)
 * @param roots the only folders whose files may be indexed or ingested by path
 * @param storage where uploaded unique images are stored; must lie under a root
 * @param quarantine where duplicates go, or null (duplicate uploads are then dropped)
 * @param token bearer token required by every endpoint that changes state, or null for none
 * @param maxUploadBytes the largest accepted image file (and, times {@code maxFilesPerQuery}, the
 *     largest request)
 * @param maxFilesPerQuery images per {@code POST /api/v1/query}
 * @param watch folders watched for new files (each under a root), may be empty
 * @param settle how long a watched file must stay unchanged before it is read
 */
public record ServiceConfig(
    String host,
    int port,
    List<Path> roots,
    Path storage,
    Path quarantine,
    String token,
    long maxUploadBytes,
    int maxFilesPerQuery,
    List<Path> watch,
    Duration settle) {

  public ServiceConfig {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535]; got " + port);
    }
    if (roots == null || roots.isEmpty()) {
      throw new IllegalArgumentException("roots must name at least one folder; got none");
    }
    roots = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
    storage = Objects.requireNonNull(storage, "storage").toAbsolutePath().normalize();
    if (!PathGuard.isUnder(storage, roots)) {
      throw new IllegalArgumentException(
          "storage " + storage + " must lie under one of the roots " + roots);
    }
    if (quarantine != null) {
      quarantine = quarantine.toAbsolutePath().normalize();
      if (quarantine.startsWith(storage) || storage.startsWith(quarantine)) {
        throw new IllegalArgumentException(
            "quarantine "
                + quarantine
                + " and storage "
                + storage
                + " must not contain each other");
      }
    }
    if (token != null && token.isBlank()) {
      token = null;
    }
    if (maxUploadBytes < 1) {
      throw new IllegalArgumentException("max-upload-bytes must be >= 1; got " + maxUploadBytes);
    }
    if (maxFilesPerQuery < 1 || maxFilesPerQuery > 1000) {
      throw new IllegalArgumentException(
          "max-query-files must be in [1, 1000]; got " + maxFilesPerQuery);
    }
    watch =
        watch == null
            ? List.of()
            : watch.stream().map(w -> w.toAbsolutePath().normalize()).toList();
    for (Path w : watch) {
      if (!PathGuard.isUnder(w, roots)) {
        throw new IllegalArgumentException(
            "watch folder " + w + " must lie under one of the roots");
      }
      if (quarantine != null && (w.startsWith(quarantine) || quarantine.startsWith(w))) {
        throw new IllegalArgumentException(
            "watch folder " + w + " and quarantine " + quarantine + " must not contain each other");
      }
    }
    Objects.requireNonNull(settle, "settle");
  }

  /**
   * The table's settings ({@link Defaults}) with {@code roots} and {@code storage} given: loopback,
   * port 8080, 50 MiB uploads, 16 files per query, 2 s settle, no quarantine, no token, no watch.
   */
  public static ServiceConfig defaults(List<Path> roots, Path storage) {
    return new ServiceConfig(
        Defaults.HOST.asString(),
        Defaults.PORT.asInt(),
        roots,
        storage,
        blankToNull(Defaults.QUARANTINE.asString(), Path::of),
        blankToNull(Defaults.TOKEN.asString(), t -> t),
        Defaults.MAX_UPLOAD_BYTES.asLong(),
        Defaults.MAX_QUERY_FILES.asInt(),
        List.of(),
        Duration.ofMillis(Defaults.SETTLE_MS.asLong()));
  }

  /**
   * The table's settings, roots ({@code data}) and storage ({@code data/uploads}) included,
   * resolved against the working directory.
   */
  public static ServiceConfig defaults() {
    return defaults(Defaults.ROOTS.asPaths(), Defaults.STORAGE.asPath());
  }

  private static <T> T blankToNull(String text, java.util.function.Function<String, T> parse) {
    return text.isBlank() ? null : parse.apply(text);
  }

  /** A builder holding this configuration: {@code config.toBuilder().port(0).build()}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Changes some settings of a {@link ServiceConfig}; {@link #build()} validates them as the
   * record's constructor does.
   */
  public static final class Builder {
    private String host;
    private int port;
    private List<Path> roots;
    private Path storage;
    private Path quarantine;
    private String token;
    private long maxUploadBytes;
    private int maxFilesPerQuery;
    private List<Path> watch;
    private Duration settle;

    private Builder(ServiceConfig c) {
      host = c.host;
      port = c.port;
      roots = c.roots;
      storage = c.storage;
      quarantine = c.quarantine;
      token = c.token;
      maxUploadBytes = c.maxUploadBytes;
      maxFilesPerQuery = c.maxFilesPerQuery;
      watch = c.watch;
      settle = c.settle;
    }

    /** See {@link ServiceConfig#host()}. */
    public Builder host(String v) {
      host = v;
      return this;
    }

    /** See {@link ServiceConfig#port()}. */
    public Builder port(int v) {
      port = v;
      return this;
    }

    /** See {@link ServiceConfig#roots()}. */
    public Builder roots(List<Path> v) {
      roots = v;
      return this;
    }

    /** See {@link ServiceConfig#storage()}. */
    public Builder storage(Path v) {
      storage = v;
      return this;
    }

    /** See {@link ServiceConfig#quarantine()}. */
    public Builder quarantine(Path v) {
      quarantine = v;
      return this;
    }

    /** See {@link ServiceConfig#token()}. */
    public Builder token(String v) {
      token = v;
      return this;
    }

    /** See {@link ServiceConfig#maxUploadBytes()}. */
    public Builder maxUploadBytes(long v) {
      maxUploadBytes = v;
      return this;
    }

    /** See {@link ServiceConfig#maxFilesPerQuery()}. */
    public Builder maxFilesPerQuery(int v) {
      maxFilesPerQuery = v;
      return this;
    }

    /** See {@link ServiceConfig#watch()}. */
    public Builder watch(List<Path> v) {
      watch = v;
      return this;
    }

    /** See {@link ServiceConfig#settle()}. */
    public Builder settle(Duration v) {
      settle = v;
      return this;
    }

    /** The configuration, validated. */
    public ServiceConfig build() {
      return new ServiceConfig(
          host,
          port,
          roots,
          storage,
          quarantine,
          token,
          maxUploadBytes,
          maxFilesPerQuery,
          watch,
          settle);
    }
  }
}
