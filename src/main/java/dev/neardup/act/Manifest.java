package dev.neardup.act;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only JSON-lines log of file operations. Every line is forced to disk before the
 * operation it describes happens, so a crash at any moment leaves a manifest that names every file
 * that might have been touched: {@code neardup undo} can always put things back.
 */
public final class Manifest implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final FileChannel channel;

  private Manifest(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Creates a new manifest; refuses to overwrite an existing file. */
  public static Manifest create(Path file, String created) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    Manifest m = new Manifest(file, ch);
    m.append(ManifestEntry.header(created));
    fsyncDirectory(parent); // the manifest's own name must survive a crash too
    return m;
  }

  /** Reads every entry of a manifest; a torn last line (crash mid-write) is ignored. */
  public static List<ManifestEntry> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<ManifestEntry> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        out.add(JSON.readValue(line, ManifestEntry.class));
      } catch (IOException e) {
        if (i == lines.size() - 1) {
          break; // written when the process died: the operation it announced never started
        }
        throw new IOException(file + " line " + (i + 1) + " is not a manifest entry: " + line, e);
      }
    }
    if (out.isEmpty() || !"header".equals(out.get(0).type())) {
      throw new IOException(file + " is not a neardup manifest (no header line)");
    }
    return out;
  }

  /** Path of this manifest. */
  public Path file() {
    return file;
  }

  /** Appends one entry and forces it to disk before returning. */
  public synchronized void append(ManifestEntry entry) throws IOException {
    byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.wrap(line);
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    channel.force(true);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems cannot open directories; the data itself was forced already.
    }
  }
}
