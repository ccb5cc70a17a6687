package dev.neardup.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neardup.decode.DecodeException;
import dev.neardup.image.GrayImage;
import dev.neardup.index.ImageIds;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.pipeline.Deduplicator;
import dev.neardup.pipeline.IngestResult;
import dev.neardup.pipeline.Ingestor;
import dev.neardup.pipeline.QueryResult;
import dev.neardup.pipeline.Submitted;
import dev.neardup.pipeline.TooLargeException;
import dev.neardup.report.Reports;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Handlers of the image endpoints: query, incremental ingest, metadata, thumbnail, delete. They
 * parse the request, call the library ({@link Ingestor}, {@link Deduplicator}) and shape the
 * answer; the routes themselves are declared in {@link Routes}.
 */
final class ImageApi {
  /** The multipart field that carries images. */
  static final String FILE_FIELD = "file";

  /** The multipart field (or JSON key) that names the submitter. */
  static final String SOURCE_FIELD = "source";

  /** The multipart field (repeated, or comma-separated) or JSON array of free tags. */
  static final String TAGS_FIELD = "tags";

  private final Ingestor ingestor;
  private final Deduplicator deduplicator;
  private final ImageIndex index;
  private final PathGuard guard;
  private final Metrics metrics;
  private final ServiceConfig config;

  ImageApi(
      Ingestor ingestor,
      Deduplicator deduplicator,
      ImageIndex index,
      PathGuard guard,
      Metrics metrics,
      ServiceConfig config) {
    this.ingestor = ingestor;
    this.deduplicator = deduplicator;
    this.index = index;
    this.guard = guard;
    this.metrics = metrics;
    this.config = config;
  }

  /** {@code POST /api/v1/query}: near-duplicates of each uploaded image; changes nothing. */
  void query(Context ctx) throws IOException {
    List<UploadedFile> files = ctx.uploadedFiles(FILE_FIELD);
    if (files.isEmpty()) {
      throw ApiException.badRequest(
          "send one or more images as multipart/form-data fields named '" + FILE_FIELD + "'");
    }
    if (files.size() > config.maxFilesPerQuery()) {
      throw ApiException.badRequest(
          files.size() + " images sent; at most " + config.maxFilesPerQuery() + " per query");
    }
    List<Path> received = new ArrayList<>();
    try {
      for (UploadedFile f : files) {
        received.add(receive(f));
      }
      List<QueryResult> results = deduplicator.query(received);
      List<Map<String, Object>> out = new ArrayList<>();
      for (int i = 0; i < results.size(); i++) {
        QueryResult r = results.get(i);
        String name = files.get(i).filename();
        if (r.error() != null) {
          metrics.failure("unreadable");
          throw new ApiException(422, "unreadable image", name + ": " + r.error());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", name);
        m.put("duplicate", r.isDuplicate());
        m.put("matches", Views.matches(r.matches()));
        if (!r.failures().isEmpty()) {
          m.put("failed_checks", r.failures());
        }
        out.add(m);
      }
      ctx.json(Map.of("results", out));
    } finally {
      for (Path p : received) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * {@code POST /api/v1/images}: incremental dedup of one image, uploaded (multipart field {@code
   * file}) or named by path under a root (JSON {@code {"path": ...}}). 201 when unique (stored,
   * indexed, durable), 200 when a duplicate.
   */
  void ingest(Context ctx) throws IOException, DecodeException {
    Submitted r;
    String type = String.valueOf(ctx.contentType());
    if (type.startsWith("multipart/")) {
      List<UploadedFile> files = ctx.uploadedFiles(FILE_FIELD);
      if (files.size() != 1) {
        throw ApiException.badRequest(
            "send exactly one image as a multipart field named '"
                + FILE_FIELD
                + "'; got "
                + files.size());
      }
      String source = ctx.formParam(SOURCE_FIELD);
      List<String> tags = splitTags(ctx.formParams(TAGS_FIELD));
      Path received = receive(files.get(0));
      try {
        r = ingestor.ingestUpload(received, source, tags);
      } catch (DecodeException e) {
        metrics.failure("unreadable");
        throw e;
      }
    } else if (type.startsWith("application/json")) {
      JsonNode body = readJson(ctx);
      if (!body.path("path").isTextual()) {
        throw ApiException.badRequest("expected {\"path\": \"/absolute/path/under/a/root\"}");
      }
      String source = sourceOf(body);
      List<String> tags = tagsOf(body);
      Path file = guard.check(body.get("path").asText());
      if (!Files.isRegularFile(file)) {
        throw ApiException.badRequest(file + " is not a file");
      }
      try {
        r = ingestor.ingestFile(file, guard.rootOf(file), source, tags);
      } catch (DecodeException e) {
        metrics.failure("unreadable");
        throw e;
      }
    } else {
      throw new ApiException(
          415,
          "unsupported media type",
          "send multipart/form-data with a field '" + FILE_FIELD + "', or application/json");
    }
    if (r.result().status() == IngestResult.Status.UNIQUE) {
      metrics.uniqueImages.increment();
      metrics.imagesIndexed.increment();
      ctx.status(201);
    } else {
      metrics.duplicatesFound.increment();
    }
    ctx.json(Views.ingest(r));
  }

  /**
   * {@code GET /api/v1/sources/{id}/stats}: submissions, uniques and duplicates of one source. A
   * source never seen answers zeros: a submitter with nothing accepted yet is not an error.
   */
  void sourceStats(Context ctx) throws IOException {
    String id =
        ctx.pathParamAsClass("id", String.class)
            .check(
                dev.neardup.index.Origin::isWellFormedSource,
                "must be " + dev.neardup.index.Origin.SOURCE_RULE)
            .get();
    ctx.json(Views.sourceStats(ingestor.sourceStats(id)));
  }

  /** {@code GET /api/v1/images/{id}}. */
  void image(Context ctx) throws IOException {
    String id = id(ctx);
    try (IndexSnapshot s = index.snapshot()) {
      int doc = doc(s, id);
      Map<String, Object> m = Views.image(s.record(doc));
      Views.origin(m, s.origin(doc));
      ctx.json(m);
    }
  }

  /** {@code GET /api/v1/images/{id}/thumbnail}: the stored grayscale thumbnail as PNG. */
  void thumbnail(Context ctx) throws IOException {
    String id = id(ctx);
    GrayImage t;
    try (IndexSnapshot s = index.snapshot()) {
      t = s.verificationImage(doc(s, id));
    }
    BufferedImage img = new BufferedImage(t.width(), t.height(), BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setDataElements(0, 0, t.width(), t.height(), t.pixels());
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(img, "png", png);
    ctx.contentType("image/png").result(png.toByteArray());
  }

  /**
   * {@code DELETE /api/v1/images/{id}}: removes it from the index (and from storage, if stored).
   */
  void delete(Context ctx) throws IOException {
    String id = id(ctx);
    List<ImageRecord> removed = ingestor.delete(id);
    if (removed.isEmpty()) {
      throw ApiException.notFound("no image with id " + id);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("deleted", removed.stream().map(Views::image).toList());
    ctx.json(m);
  }

  private Path receive(UploadedFile f) throws IOException {
    if (f.size() > config.maxUploadBytes()) {
      // counted with every other 413 where the answer is made (Routes)
      throw new TooLargeException(
          f.filename()
              + " is "
              + f.size()
              + " bytes; the upload limit is "
              + config.maxUploadBytes()
              + " bytes");
    }
    try (InputStream in = f.content()) {
      return ingestor.receive(in, config.maxUploadBytes());
    }
  }

  private static String id(Context ctx) {
    return ctx.pathParamAsClass("id", String.class)
        .check(ImageIds::isWellFormed, "must be 16 lowercase hex digits")
        .get();
  }

  private static int doc(IndexSnapshot s, String id) {
    List<Integer> docs = s.withId(id);
    if (docs.isEmpty()) {
      throw ApiException.notFound("no image with id " + id);
    }
    return docs.get(0);
  }

  /** Tags from multipart fields: each field may hold several, comma-separated. */
  static List<String> splitTags(List<String> fields) {
    List<String> out = new ArrayList<>();
    for (String f : fields) {
      for (String t : f.split(",")) {
        if (!t.isBlank()) {
          out.add(t.strip());
        }
      }
    }
    return out;
  }

  /** The optional {@code "source"} of a JSON body: a string, or absent (null). */
  static String sourceOf(JsonNode body) {
    JsonNode n = body.path(SOURCE_FIELD);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw ApiException.badRequest("\"source\" must be a string; got " + n);
    }
    return n.asText();
  }

  /** The optional {@code "tags"} of a JSON body: an array of strings, or absent (none). */
  static List<String> tagsOf(JsonNode body) {
    JsonNode n = body.path(TAGS_FIELD);
    if (n.isMissingNode() || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw ApiException.badRequest("\"tags\" must be an array of strings; got " + n);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode t : n) {
      if (!t.isTextual()) {
        throw ApiException.badRequest("every tag must be a string; got " + t);
      }
      out.add(t.asText());
    }
    return out;
  }

  static JsonNode readJson(Context ctx) {
    try {
      JsonNode n = Reports.JSON.readTree(ctx.bodyInputStream());
      if (n == null || !n.isObject()) {
        throw ApiException.badRequest("expected a JSON object");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiException.badRequest(Errors.jsonDetail(e));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("reading the request body failed", e);
    }
  }
}
