package dev.neardup.decode;

import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.png.PngMetadataReader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * The EXIF orientation tag (0x0112) of a JPEG (APP1), PNG ({@code eXIf} chunk) or WebP ({@code
 * EXIF} chunk), read with Drew Noakes' metadata-extractor, which knows each container's rules and
 * the many ways real cameras and editors break them.
 *
 * <p>Only the EXIF reader runs on a JPEG (no XMP, ICC or IPTC parsing): orientation is all the
 * decoder needs. HEIF is not listed because OpenCV does not decode it, so such a file is refused
 * before its orientation would matter.
 */
final class ExifOrientation {
  private ExifOrientation() {}

  /**
   * The orientation, 1..8; 1 when the file has no EXIF, no tag, a value out of range, or a broken
   * EXIF block. A broken block is common in edited photos and must not make the image unreadable.
   */
  static int read(ImageFormat format, byte[] bytes) {
    if (format != ImageFormat.JPEG && format != ImageFormat.PNG && format != ImageFormat.WEBP) {
      throw new IllegalArgumentException("no EXIF reader for " + format);
    }
    try {
      ByteArrayInputStream in = new ByteArrayInputStream(bytes);
      Metadata m =
          switch (format) {
            case JPEG -> JpegMetadataReader.readMetadata(in, List.of(new ExifReader()));
            case PNG -> PngMetadataReader.readMetadata(in);
            case WEBP -> WebpMetadataReader.readMetadata(in);
            default -> throw new AssertionError(format);
          };
      for (ExifIFD0Directory d : m.getDirectoriesOfType(ExifIFD0Directory.class)) {
        Integer o = d.getInteger(ExifDirectoryBase.TAG_ORIENTATION);
        if (o != null) {
          return o >= 1 && o <= 8 ? o : 1;
        }
      }
      return 1;
    } catch (ImageProcessingException | IOException | RuntimeException e) {
      return 1; // a broken block: upright, as browsers show it
    }
  }
}
