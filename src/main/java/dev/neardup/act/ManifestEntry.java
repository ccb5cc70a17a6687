package dev.neardup.act;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of a manifest (JSON lines). The first line is a {@code header}; then one {@code move} or
 * {@code delete} line per file, each written and fsynced <em>before</em> the file is touched.
 *
 * @param type {@code header}, {@code move} or {@code delete}
 * @param from where the file was (absolute)
 * @param to where it was moved (absolute; null for delete and header)
 * @param sha256 content hash, checked by undo before it touches anything
 * @param size bytes
 * @param kept the image kept in its place (the reason it was removed)
 * @param created header only: ISO-8601 time of the run
 * @param version header only: manifest format version
 * @param sidecarOf for a sidecar (a label file that travels with its image), the image it belongs
 *     to; null for an image. Undo treats both alike: it puts each file back byte for byte.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestEntry(
    String type,
    String from,
    String to,
    String sha256,
    Long size,
    String kept,
    String created,
    Integer version,
    @JsonProperty("sidecar_of") String sidecarOf) {

  static final int VERSION = 1;

  static ManifestEntry header(String created) {
    return new ManifestEntry("header", null, null, null, null, null, created, VERSION, null);
  }

  static ManifestEntry move(String from, String to, String sha256, long size, String kept) {
    return new ManifestEntry("move", from, to, sha256, size, kept, null, null, null);
  }

  static ManifestEntry moveSidecar(String from, String to, String sha256, long size, String of) {
    return new ManifestEntry("move", from, to, sha256, size, null, null, null, of);
  }

  static ManifestEntry deleteSidecar(String from, String sha256, long size, String of) {
    return new ManifestEntry("delete", from, null, sha256, size, null, null, null, of);
  }

  static ManifestEntry delete(String from, String sha256, long size, String kept) {
    return new ManifestEntry("delete", from, null, sha256, size, kept, null, null, null);
  }
}
