package dev.neardup.cli;

import dev.neardup.config.Defaults;
import dev.neardup.http.ServiceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of {@code neardup serve}: where to listen, what may be touched, limits. */
final class ServeOptions {
  @Option(
      names = "--host",
      paramLabel = "ADDR",
      description =
          "Interface to bind. 0.0.0.0 exposes the service to the network. Default: ${DEFAULT-VALUE}")
  String host = Defaults.HOST.asString();

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "TCP port; 0 picks a free one. Default: ${DEFAULT-VALUE}")
  int port = Defaults.PORT.asInt();

  @Option(
      names = "--roots",
      paramLabel = "DIR",
      split = ",",
      description =
          "Folders whose images may be indexed or ingested by path (comma-separated); anything"
              + " else is refused with 403. Default: ${DEFAULT-VALUE}")
  List<Path> roots = Defaults.ROOTS.asPaths();

  @Option(
      names = "--storage",
      paramLabel = "DIR",
      description =
          "Where uploaded unique images are stored (must lie under a root), named by content:"
              + " <sha256[0..2]>/<sha256>.<format>. Default: ${DEFAULT-VALUE}")
  Path storage = Defaults.STORAGE.asPath();

  @Option(
      names = "--quarantine",
      paramLabel = "DIR",
      description =
          "Where duplicates go (uploads under uploads/, watched files with a manifest for"
              + " 'neardup undo'). Empty: duplicate uploads are dropped, duplicate files left"
              + " where they are.")
  String quarantine = Defaults.QUARANTINE.asString();

  @Option(
      names = "--token",
      paramLabel = "SECRET",
      description =
          "Bearer token required by every endpoint that changes state (better set as"
              + " NEARDUP_TOKEN than on the command line). Empty: no token.")
  String token = Defaults.TOKEN.asString();

  @Option(
      names = "--max-upload-bytes",
      paramLabel = "N",
      description = "Largest accepted image upload. Default: ${DEFAULT-VALUE}")
  long maxUploadBytes = Defaults.MAX_UPLOAD_BYTES.asLong();

  @Option(
      names = "--max-query-files",
      paramLabel = "N",
      description = "Images per query request. Default: ${DEFAULT-VALUE}")
  int maxQueryFiles = Defaults.MAX_QUERY_FILES.asInt();

  @Option(
      names = "--watch",
      paramLabel = "DIR",
      split = ",",
      description =
          "Folders (under a root) whose new files are deduplicated as they arrive, as by"
              + " 'neardup watch'.")
  List<Path> watch = new ArrayList<>();

  @Option(
      names = "--settle-ms",
      paramLabel = "MS",
      description =
          "A watched file is read once its size and time stayed unchanged this long (files still"
              + " being written are not read half-way). Default: ${DEFAULT-VALUE}")
  long settleMs = Defaults.SETTLE_MS.asLong();

  ServiceConfig config() {
    if (settleMs < 0) {
      throw new IllegalArgumentException("--settle-ms must be >= 0; got " + settleMs);
    }
    return ServiceConfig.defaults(roots, storage).toBuilder()
        .host(host)
        .port(port)
        .quarantine(quarantine.isBlank() ? null : Path.of(quarantine))
        .token(token.isBlank() ? null : token)
        .maxUploadBytes(maxUploadBytes)
        .maxFilesPerQuery(maxQueryFiles)
        .watch(watch)
        .settle(Duration.ofMillis(settleMs))
        .build();
  }
}
