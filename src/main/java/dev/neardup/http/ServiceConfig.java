package dev.neardup.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the HTTP service.
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

  /** Loopback, port 8080, 50 MB uploads, 16 files per query, 2 s settle, no token, no watch. */
  public static ServiceConfig defaults(List<Path> roots, Path storage) {
    return new ServiceConfig(
        "127.0.0.1",
        8080,
        roots,
        storage,
        null,
        null,
        50L << 20,
        16,
        List.of(),
        Duration.ofSeconds(2));
  }

  public ServiceConfig withPort(int p) {
    return new ServiceConfig(
        host,
        p,
        roots,
        storage,
        quarantine,
        token,
        maxUploadBytes,
        maxFilesPerQuery,
        watch,
        settle);
  }

  public ServiceConfig withToken(String t) {
    return new ServiceConfig(
        host, port, roots, storage, quarantine, t, maxUploadBytes, maxFilesPerQuery, watch, settle);
  }

  public ServiceConfig withQuarantine(Path q) {
    return new ServiceConfig(
        host, port, roots, storage, q, token, maxUploadBytes, maxFilesPerQuery, watch, settle);
  }

  public ServiceConfig withMaxUploadBytes(long m) {
    return new ServiceConfig(
        host, port, roots, storage, quarantine, token, m, maxFilesPerQuery, watch, settle);
  }
}
