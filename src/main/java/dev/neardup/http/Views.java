package dev.neardup.http;

import dev.neardup.group.Evidence;
import dev.neardup.group.Group;
import dev.neardup.index.ImageIds;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.Origin;
import dev.neardup.pipeline.IngestResult;
import dev.neardup.pipeline.Match;
import dev.neardup.pipeline.SourceStats;
import dev.neardup.pipeline.Submitted;
import dev.neardup.report.EvidenceView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the API (snake_case keys), built from domain records. Kept in one place so
 * that {@code openapi.yaml} has one thing to describe.
 */
final class Views {
  private Views() {}

  /** An indexed image's metadata. */
  static Map<String, Object> image(ImageRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", ImageIds.of(r.path()));
    m.put("path", r.path());
    m.put("sha256", r.sha256());
    m.put("size", r.fileSize());
    m.put("format", r.format());
    m.put("width", r.width());
    m.put("height", r.height());
    m.put("modified", Instant.ofEpochMilli(r.mtimeMillis()).toString());
    if (r.isCameraFrame()) {
      m.put("camera", r.camera());
      m.put("captured", Instant.ofEpochMilli(r.timestampMillis()).toString());
    }
    return m;
  }

  /** The registration of an aligned or same-scene match, as JSON. */
  static Map<String, Object> transform(EvidenceView.TransformView x) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("label", x.label());
    t.put("mirrored", x.mirrored());
    t.put("rotation_degrees", x.rotationDegrees());
    t.put("scale", x.scale());
    t.put("crop_fraction", x.cropFraction());
    t.put("inliers", x.inliers());
    t.put("overlap", x.overlap());
    return t;
  }

  /**
   * How two images compare: candidate stage, similarity and the pixel-diff check ({@link
   * EvidenceView}'s values in the API's shape).
   */
  static Map<String, Object> evidence(Evidence evidence) {
    EvidenceView e = EvidenceView.of(evidence);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("via", e.via());
    m.put("match", e.match());
    m.put("level", e.level());
    m.put("cosine", e.cosine());
    m.put("hamming", e.hamming());
    if (e.transform() != null) {
      m.put("transform", transform(e.transform()));
    }
    EvidenceView.PixelDiffView d = e.pixelDiff();
    if (d != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("score", e.comparableScore());
      p.put("changed_fraction", e.comparableChangedFraction());
      p.put("regions", d.regions());
      if (d.note() != null) {
        p.put("note", d.note());
      }
      m.put("pixel_diff", p);
    }
    m.put("duplicate", e.duplicate());
    return m;
  }

  /** An indexed image that a probe resembles. */
  static Map<String, Object> match(Match x) {
    Map<String, Object> m = image(x.image());
    m.put("evidence", evidence(x.evidence()));
    return m;
  }

  static List<Map<String, Object>> matches(List<Match> xs) {
    return xs.stream().map(Views::match).toList();
  }

  /**
   * The verdict of incremental ingest. A unique image carries its own origin; a duplicate names the
   * source and arrival of the image it matched, and whether that was the submitter's own.
   */
  static Map<String, Object> ingest(Submitted s) {
    IngestResult r = s.result();
    Map<String, Object> m = new LinkedHashMap<>();
    boolean unique = r.status() == IngestResult.Status.UNIQUE;
    m.put("status", unique ? "unique" : "duplicate");
    if (unique) {
      Map<String, Object> img = image(r.image());
      origin(img, s.origin());
      m.put("image", img);
    } else {
      m.put("sha256", r.image().sha256());
      if (s.origin().source() != null) {
        m.put("source", s.origin().source());
      }
      Map<String, Object> dup = match(r.duplicateOf());
      origin(dup, s.matchedOrigin());
      m.put("duplicate_of", dup);
      m.put("same_source", s.sameSource());
      m.put("quarantined_at", r.quarantinedAt());
    }
    return m;
  }

  /** Adds {@code source}, {@code tags} and {@code arrived} (where known) to an image's view. */
  static void origin(Map<String, Object> m, Origin o) {
    m.put("source", o.source());
    m.put("tags", o.tags());
    m.put("arrived", o.hasArrival() ? Instant.ofEpochMilli(o.arrivedMillis()).toString() : null);
  }

  /** The submissions of one source. */
  static Map<String, Object> sourceStats(SourceStats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", s.source());
    m.put("submissions", s.submissions());
    m.put("uniques", s.uniques());
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("total", s.duplicatesOfOwn() + s.duplicatesOfOthers());
    d.put("of_own", s.duplicatesOfOwn());
    d.put("of_others", s.duplicatesOfOthers());
    m.put("duplicates", d);
    m.put("duplicated_by_others", s.duplicatedByOthers());
    m.put("duplicates_counted_since", s.duplicatesCountedSince().toString());
    return m;
  }

  /** A group: the kept image and its verified duplicates. */
  static Map<String, Object> group(Group g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", g.id());
    m.put("kept", image(g.kept()));
    m.put("kept_because", g.keptBecause());
    m.put(
        "members",
        g.members().stream()
            .map(
                mem -> {
                  Map<String, Object> j = image(mem.image());
                  j.put("evidence", evidence(mem.evidence()));
                  return j;
                })
            .toList());
    return m;
  }

  /** The body of every error response. */
  record ErrorBody(String error, String detail) {}

  /** The body of every error response. */
  static ErrorBody error(String error, String detail) {
    return new ErrorBody(error, detail);
  }
}
