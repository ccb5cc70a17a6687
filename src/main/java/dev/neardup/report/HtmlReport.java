package dev.neardup.report;

import dev.neardup.decode.DecodeException;
import dev.neardup.image.Box;
import dev.neardup.index.FailedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a dedup report as one HTML page that people can judge by eye: a card per group with the
 * kept image (marked, with the rule that kept it) and each duplicate with its cosine, pixel-diff
 * score and changed fraction, the changed regions drawn over the picture.
 *
 * <p>The page is self-contained apart from its previews, which are JPEGs in a folder beside it
 * ({@code report.html} → {@code report_files/}): data URIs would make a report of thousands of
 * groups a file of hundreds of megabytes that the browser must parse before showing anything.
 * Images load lazily and a small inline script pages the groups 50 at a time, so the page opens
 * fast with thousands of groups; without JavaScript every group is shown. No file is fetched from
 * anywhere else (works offline).
 *
 * <p>Every group card carries {@code data-group-id} and {@code data-kept}, every duplicate {@code
 * data-path}, so that programs (and the tests) can read the page back exactly.
 *
 * <p>Changed regions come in the pixel-diff check's scored resolution ({@code scored_width x
 * scored_height}); they are drawn as boxes positioned in percent of the picture, which maps them
 * onto the preview whatever its size.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /**
   * What was written.
   *
   * @param html the page
   * @param folder the previews' folder beside it
   * @param previews preview files written
   * @param missing images whose preview could not be made (e.g. moved or deleted since indexing)
   */
  public record Written(Path html, Path folder, int previews, int missing) {}

  /**
   * Writes {@code report} to {@code html} and its previews to the folder beside it, replacing an
   * earlier report of the same name. Read the originals before they are moved.
   *
   * @throws IllegalArgumentException when {@code html} does not end in {@code .html} or {@code
   *     .htm} (the previews' folder is named after it)
   */
  public static Written write(DedupReport report, Previews previews, Path html) throws IOException {
    Path abs = html.toAbsolutePath().normalize();
    String name = abs.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".html") && !lower.endsWith(".htm")) {
      throw new IllegalArgumentException("the HTML report must end in .html; got " + html);
    }
    String stem = name.substring(0, name.lastIndexOf('.'));
    Path folder = previewFolder(abs);
    Files.createDirectories(folder);
    Page page = new Page(previews, folder, stem + "_files");
    String text = page.render(report);
    Path tmp = abs.resolveSibling(name + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new Written(abs, folder, page.written, page.missing);
  }

  /** The folder beside {@code html} that holds its previews: {@code report.html → report_files}. */
  public static Path previewFolder(Path html) {
    Path abs = html.toAbsolutePath().normalize();
    String name = abs.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return abs.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "_files");
  }

  /** One page being rendered: each distinct image gets one preview file. */
  private static final class Page {
    private final Previews previews;
    private final Path folder;
    private final String folderUrl;
    private final Map<String, String> srcOf = new HashMap<>();
    private final Map<String, String> problemOf = new HashMap<>();
    private final StringBuilder out = new StringBuilder(1 << 16);
    private int written;
    private int missing;

    Page(Previews previews, Path folder, String folderName) {
      this.previews = previews;
      this.folder = folder;
      this.folderUrl = urlPath(folderName);
    }

    String render(DedupReport r) throws IOException {
      DedupReport.Totals t = r.totals();
      out.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
          .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .append("<title>neardup report: ")
          .append(t.groups())
          .append(" groups</title><style>\n")
          .append(resource("report.css"))
          .append("</style></head><body>\n<header><h1>neardup report</h1>\n<div class=\"totals\">");
      total("images", t.images());
      total("groups", t.groups());
      total("images to remove", t.toRemove());
      total("unreadable files", t.unreadable());
      total("pairs checked", t.similarPairs());
      out.append("</div>\n");
      if (r.model() != null) {
        out.append("<p")
            .append(
                r.model().embeddingStage() && !"random".equals(r.model().weights())
                    ? ">"
                    : " class=\"warn\">")
            .append("Model: ")
            .append(esc(r.model().id()))
            .append(" — ")
            .append(esc(r.model().note()))
            .append("</p>\n");
      }
      out.append("<details><summary>folders and settings</summary><p>");
      for (String f : r.folders()) {
        out.append(esc(f)).append("<br>");
      }
      out.append("run ").append(esc(r.timestamp())).append("; index ").append(esc(r.index()));
      if (r.settings() != null) {
        out.append("<br>").append(esc(String.valueOf(r.settings())));
      }
      out.append("</p></details></header>\n")
          .append(
              "<nav class=\"pager\" hidden><button class=\"prev\">&larr; previous page</button>")
          .append(" <span class=\"where\"></span> <button class=\"next\">next page &rarr;</button>")
          .append(" <small>keys: j/k next/previous group, n/p next/previous page</small></nav>\n")
          .append("<main>\n");
      for (DedupReport.GroupEntry g : r.groups()) {
        group(g);
      }
      if (r.groups().isEmpty()) {
        out.append("<p>No duplicates found.</p>\n");
      }
      out.append("</main>\n");
      unreadable(r.unreadable());
      out.append("<script>\n").append(resource("report.js")).append("</script>\n</body></html>\n");
      return out.toString();
    }

    private void total(String label, int value) {
      out.append("<div><b>")
          .append(value)
          .append("</b><span>")
          .append(esc(label))
          .append("</span></div>");
    }

    private void group(DedupReport.GroupEntry g) throws IOException {
      out.append("<section class=\"group\" id=\"g")
          .append(g.id())
          .append("\" data-group-id=\"")
          .append(g.id())
          .append("\" data-kept=\"")
          .append(esc(g.kept()))
          .append("\" data-members=\"")
          .append(g.members().size())
          .append("\">\n<h2>Group ")
          .append(g.id())
          .append(" · keep 1, remove ")
          .append(g.members().size())
          .append("</h2>\n<div class=\"row\">\n<figure class=\"kept\" data-path=\"")
          .append(esc(g.kept()))
          .append("\">");
      picture(g.kept(), List.of(), 0, 0);
      out.append("<figcaption><span class=\"tag\">KEPT</span> ")
          .append(fileLink(g.kept()))
          .append("<br>")
          .append(g.width())
          .append("×")
          .append(g.height())
          .append(" · ")
          .append(esc(g.keptBecause()))
          .append("</figcaption></figure>\n");
      for (DedupReport.MemberEntry m : g.members()) {
        member(m);
      }
      out.append("</div></section>\n");
    }

    private void member(DedupReport.MemberEntry m) throws IOException {
      out.append("<figure class=\"member\" data-path=\"")
          .append(esc(m.path()))
          .append("\" data-via=\"")
          .append(esc(m.via()))
          .append("\"");
      if (m.cosine() != null) {
        out.append(" data-cosine=\"").append(m.cosine()).append('"');
      }
      if (m.score() != null) {
        out.append(" data-score=\"").append(m.score()).append('"');
        out.append(" data-changed-fraction=\"").append(m.changedFraction()).append('"');
      }
      out.append('>');
      List<Box> regions = m.regions() == null ? List.of() : m.regions();
      picture(
          m.path(),
          regions,
          m.scoredWidth() == null ? 0 : m.scoredWidth(),
          m.scoredHeight() == null ? 0 : m.scoredHeight());
      out.append("<figcaption><span class=\"tag\">DUPLICATE</span> ")
          .append(fileLink(m.path()))
          .append("<br><span class=\"scores\">")
          .append(scores(m))
          .append("</span></figcaption></figure>\n");
    }

    private void picture(String path, List<Box> regions, int scoredW, int scoredH)
        throws IOException {
      out.append("<div class=\"pic\">");
      String src = preview(path);
      if (src == null) {
        out.append("<span class=\"missing\">no preview: ")
            .append(esc(problemOf.get(path)))
            .append("</span>");
      } else {
        out.append("<img loading=\"lazy\" decoding=\"async\" src=\"")
            .append(esc(src))
            .append("\" alt=\"")
            .append(esc(Path.of(path).getFileName().toString()))
            .append("\">");
      }
      if (scoredW > 0 && scoredH > 0) {
        for (Box b : regions) {
          out.append(
              String.format(
                  Locale.ROOT,
                  "<span class=\"box\" style=\"%s\"></span>",
                  boxStyle(b, scoredW, scoredH)));
        }
      }
      out.append("</div>");
    }

    /** The preview's URL relative to the page, making the file once; null when it failed. */
    private String preview(String path) throws IOException {
      if (srcOf.containsKey(path)) {
        return srcOf.get(path);
      }
      if (problemOf.containsKey(path)) {
        return null;
      }
      String file = String.format(Locale.ROOT, "p%06d.jpg", srcOf.size() + problemOf.size() + 1);
      try {
        Files.write(folder.resolve(file), previews.jpeg(Path.of(path)));
        written++;
        srcOf.put(path, folderUrl + "/" + file);
        return srcOf.get(path);
      } catch (DecodeException e) {
        missing++;
        problemOf.put(path, e.reason());
        return null;
      }
    }

    private void unreadable(List<FailedFile> failed) {
      if (failed == null || failed.isEmpty()) {
        return;
      }
      out.append("<section class=\"unreadable\"><h2>")
          .append(failed.size())
          .append(" unreadable files</h2><ul>\n");
      for (FailedFile f : failed) {
        out.append("<li data-path=\"")
            .append(esc(f.path()))
            .append("\">")
            .append(esc(f.path()))
            .append(": ")
            .append(esc(f.reason()))
            .append("</li>\n");
      }
      out.append("</ul></section>\n");
    }
  }

  /** The CSS of a box over a picture, in percent of the scored resolution. */
  static String boxStyle(Box b, int scoredW, int scoredH) {
    return String.format(
        Locale.ROOT,
        "left:%.3f%%;top:%.3f%%;width:%.3f%%;height:%.3f%%",
        100.0 * b.x() / scoredW,
        100.0 * b.y() / scoredH,
        100.0 * b.width() / scoredW,
        100.0 * b.height() / scoredH);
  }

  /** "cosine 0.9951 · score 123 px² · 1.20% changed · via embedding" with what is known. */
  static String scores(DedupReport.MemberEntry m) {
    EvidenceView e = m.evidence();
    StringBuilder s = new StringBuilder();
    if (e.showsMatch()) {
      s.append("<b class=\"match\">").append(esc(e.match())).append("</b> · ");
    }
    if (m.cosine() != null) {
      s.append(String.format(Locale.ROOT, "cosine %.4f · ", m.cosine()));
    }
    if (m.score() != null) {
      s.append(
          String.format(
              Locale.ROOT,
              "score %.0f px² · %.2f%% changed · %d regions · ",
              m.score(),
              100 * m.changedFraction(),
              m.regions() == null ? 0 : m.regions().size()));
    }
    s.append("pHash distance ").append(m.hamming()).append(" · via ").append(esc(m.via()));
    return s.toString();
  }

  private static String fileLink(String path) {
    return "<a href=\"" + esc(Path.of(path).toUri().toString()) + "\">" + esc(path) + "</a>";
  }

  private static String urlPath(String relative) {
    try {
      return new URI(null, null, relative, null).getRawPath();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot make a URL of " + relative, e);
    }
  }

  /** Escapes text for HTML content and double-quoted attributes. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource missing from the jar: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }
}
