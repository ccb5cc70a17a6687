package dev.neardup.pipeline;

/**
 * Receives progress of long work (indexing, grouping). Implementations draw a progress bar; the
 * library never prints.
 */
public interface Progress {
  /** A phase begins; {@code total} is the number of items it will process. */
  void start(String phase, long total);

  /** {@code done} items of the current phase are finished. */
  void update(long done);

  /** The current phase is finished. */
  void finish();

  /** Progress that goes nowhere. */
  Progress NONE =
      new Progress() {
        @Override
        public void start(String phase, long total) {}

        @Override
        public void update(long done) {}

        @Override
        public void finish() {}
      };
}
