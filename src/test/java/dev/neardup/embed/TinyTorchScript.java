package dev.neardup.embed;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes tiny hand-made TorchScript archives for tests: a module {@code M} with no parameters whose
 * {@code forward(x)} body is given as TorchScript source, e.g. {@code return torch.mean(x, [2,
 * 3])}. PyTorch 2.7 loads these; they let tests check output-shape and NaN handling exactly, which
 * a real ResNet cannot be made to show on demand.
 */
final class TinyTorchScript {
  private TinyTorchScript() {}

  /** Writes the archive to {@code file}; {@code neardupJson} may be null for "no metadata". */
  static Path write(Path file, String forwardBody, String neardupJson) throws IOException {
    String root = "m/";
    String code =
        "class M(Module):\n"
            + "  __parameters__ = []\n"
            + "  __buffers__ = []\n"
            + "  training : bool\n"
            + "  def forward(self: __torch__.M,\n"
            + "    x: Tensor) -> Tensor:\n"
            + "    "
            + forwardBody
            + "\n";
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      stored(zip, root + "data.pkl", modulePickle());
      stored(zip, root + "code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
      stored(zip, root + "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
      stored(zip, root + "version", "3\n".getBytes(StandardCharsets.UTF_8));
      if (neardupJson != null) {
        stored(zip, root + "extra/neardup.json", neardupJson.getBytes(StandardCharsets.UTF_8));
      }
    }
    return file;
  }

  /** Metadata as {@code models/export_resnet50.py} writes it. */
  static String metadata(String weights, String tag) {
    return "{\"architecture\": \"tiny\", \"weights\": \""
        + weights
        + "\", \"weights_tag\": \""
        + tag
        + "\"}";
  }

  /** Pickle (protocol 2) of {@code __torch__.M} with state {@code {"training": False}}. */
  private static byte[] modulePickle() {
    byte[] training = "training".getBytes(StandardCharsets.US_ASCII);
    var b = new java.io.ByteArrayOutputStream();
    b.writeBytes(new byte[] {(byte) 0x80, 2}); // PROTO 2
    b.writeBytes("c__torch__\nM\n".getBytes(StandardCharsets.US_ASCII)); // GLOBAL
    b.writeBytes(new byte[] {')', (byte) 0x81, '}'}); // EMPTY_TUPLE NEWOBJ EMPTY_DICT
    b.write('X'); // BINUNICODE
    b.writeBytes(new byte[] {(byte) training.length, 0, 0, 0});
    b.writeBytes(training);
    b.writeBytes(new byte[] {(byte) 0x89, 's', 'b', '.'}); // NEWFALSE SETITEM BUILD STOP
    return b.toByteArray();
  }

  private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }
}
