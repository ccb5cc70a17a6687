package dev.neardup.pipeline;

import dev.neardup.decode.DecodeException;
import dev.neardup.group.CandidateSource;
import dev.neardup.group.Group;
import dev.neardup.group.Grouper;
import dev.neardup.group.Grouping;
import dev.neardup.group.KeeperPolicy;
import dev.neardup.index.FileState;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts the index and the upload storage of an {@link Ingestor} back in order: {@link #recover}
 * after a crash (run at start), {@link #reconcile} after several ingestors accepted the same image
 * at once ({@code neardup reconcile}).
 *
 * <p>Why apart from the ingestor: both walk the whole index or storage instead of deciding one
 * image, and run rarely. They still take the ingestor's decision lock around each change, so an
 * image arriving meanwhile is decided against what they keep.
 */
public final class Reconciler {
  private final Ingestor ingestor;
  private final ImageIndex index;

  /** Works on {@code ingestor}'s index and storage folder, under its decision lock. */
  public Reconciler(Ingestor ingestor) {
    this.ingestor = ingestor;
    this.index = ingestor.engine().index();
  }

  /**
   * What {@link #reconcile} found: the groups of near-duplicates among all indexed images (the
   * earliest of each kept), and the images it removed (none on a dry run).
   */
  public record Reconciliation(Grouping grouping, List<ImageRecord> removed, boolean dryRun) {}

  /**
   * What {@link #recover} did.
   *
   * @param reindexed stored files without a document (stored, never acknowledged), indexed again
   * @param dropped stored files without a document deleted: duplicates of an indexed image, or
   *     unreadable
   * @param removed documents dropped because their stored file is gone
   */
  public record Recovery(int reindexed, int dropped, int removed) {
    /** True when recovery changed nothing (the last stop was clean). */
    public boolean isEmpty() {
      return reindexed + dropped + removed == 0;
    }
  }

  /**
   * Removes near-duplicates that slipped into the index because several ingestors accepted them at
   * the same moment (each decided before it could see the other's image): regroups every indexed
   * image as {@code dedup} does, keeping the earliest of each group (oldest modification time,
   * which for an upload is its arrival; pinned keepers and camera order as in grouping), and drops
   * the others' documents. A removed upload stored under this ingestor's storage folder is deleted;
   * one stored by another machine is left there, and that machine's {@link #recover} drops it at
   * its next start (a stored file without a document that duplicates an indexed image). Files
   * outside any storage folder are never touched. Run it while ingest is quiet, or at any time:
   * images ingested during the pass are checked against the kept ones as usual.
   *
   * @param dryRun report only, change nothing
   */
  public Reconciliation reconcile(boolean dryRun) throws IOException {
    EngineConfig config = ingestor.engine().config();
    Grouper grouper =
        Grouper.create(
            config.grouping().toBuilder().keeper(KeeperPolicy.OLDEST).build(),
            config.pixelDiff(),
            CandidateSource.EMBEDDING,
            config.cacheBudget());
    index.refresh();
    Grouping grouping;
    try (IndexSnapshot s = index.snapshot()) {
      grouping = grouper.group(s, s.images(p -> true), done -> {});
    }
    List<ImageRecord> removed = new ArrayList<>();
    for (Group g : grouping.groups()) {
      for (Group.Member m : g.members()) {
        removed.add(m.image());
      }
    }
    if (dryRun || removed.isEmpty()) {
      return new Reconciliation(grouping, dryRun ? List.of() : removed, dryRun);
    }
    UploadStore uploads = ingestor.uploads();
    synchronized (ingestor.decision()) {
      for (ImageRecord r : removed) {
        if (uploads != null) {
          uploads.deleteIfHeld(Path.of(r.path()));
        }
        index.delete(r.path());
        index.releaseContent(r.sha256()); // a kept copy of the same bytes still answers uploads
      }
      index.commit();
    }
    return new Reconciliation(grouping, removed, false);
  }

  /**
   * Brings the storage folder and the index back in step after a crash: deletes temporary upload
   * files, re-ingests stored files that have no document (stored, never acknowledged) and drops
   * documents whose stored file is gone. An ingestor without a storage folder has nothing to
   * recover.
   */
  public Recovery recover() throws IOException {
    UploadStore uploads = ingestor.uploads();
    if (uploads == null) {
      return new Recovery(0, 0, 0);
    }
    uploads.clearIncoming();
    Map<String, FileState> known = index.fileStates(Indexer.under(List.of(uploads.folder())));
    List<Path> orphans = new ArrayList<>();
    for (Path p : uploads.storedFiles()) {
      if (!known.containsKey(p.toString())) {
        orphans.add(p);
      }
    }
    int reindexed = 0;
    int dropped = 0;
    for (Path p : orphans) {
      try {
        ImageRecord probe = ingestor.engine().analyzer().analyze(p);
        synchronized (ingestor.decision()) {
          if (ingestor.firstDuplicate(probe, p.toString()) != null) {
            Files.delete(p);
            dropped++;
          } else {
            index.put(probe);
            index.refresh();
            reindexed++;
          }
        }
      } catch (DecodeException e) {
        Files.deleteIfExists(p); // only readable images are ever stored
        dropped++;
      }
    }
    int removed = 0;
    for (String path : known.keySet()) {
      if (!Files.exists(Path.of(path))) {
        index.delete(path);
        removed++;
      }
    }
    index.commit();
    return new Recovery(reindexed, dropped, removed);
  }
}
