package dev.neardup.http;

import dev.neardup.pipeline.FolderWatcher;
import dev.neardup.pipeline.IngestResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line (and the metrics) per file a folder watcher handled. */
final class WatchLog {
  private static final Logger LOG = LoggerFactory.getLogger(WatchLog.class);

  private WatchLog() {}

  static void log(FolderWatcher.Outcome o, Metrics metrics) {
    if (o.error() != null) {
      metrics.failure("unreadable");
      LOG.info("watch: {} unreadable: {}", o.file(), o.error());
    } else if (o.result().status() == IngestResult.Status.UNIQUE) {
      metrics.uniqueImages.increment();
      metrics.imagesIndexed.increment();
      LOG.info("watch: {} unique, indexed", o.file());
    } else {
      metrics.duplicatesFound.increment();
      LOG.info(
          "watch: {} duplicate of {}{}",
          o.file(),
          o.result().duplicateOf().image().path(),
          o.result().quarantinedAt() == null ? "" : ", moved to " + o.result().quarantinedAt());
    }
  }
}
