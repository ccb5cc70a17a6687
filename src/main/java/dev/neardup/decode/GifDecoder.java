package dev.neardup.decode;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Decodes a GIF's first frame with {@code javax.imageio}, because OpenCV 4.9 has no GIF codec.
 *
 * <p>The frame is drawn at its offset on a white canvas of the logical-screen size, so the result
 * has the header's size even when the first frame covers only part of the screen; transparent
 * pixels come out white, matching {@link Pixels#compositeOverWhite}. The stream is read from memory
 * ({@link MemoryCacheImageInputStream}) so ImageIO never writes cache files.
 */
final class GifDecoder {
  private GifDecoder() {}

  static Mat firstFrame(Path file, byte[] bytes, ImageHeader header, long maxPixels)
      throws DecodeException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("gif");
    if (!readers.hasNext()) {
      throw new DecodeException(file, "unsupported format: GIF (no GIF reader in this JDK)");
    }
    ImageReader reader = readers.next();
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, false);
      long framePixels = (long) reader.getWidth(0) * reader.getHeight(0);
      if (framePixels > maxPixels) {
        throw new DecodeException(
            file,
            ImageDecoder.tooManyPixels(reader.getWidth(0), reader.getHeight(0), maxPixels)
                + " (first GIF frame)");
      }
      BufferedImage frame = reader.read(0);
      int[] offset = frameOffset(reader.getImageMetadata(0));
      BufferedImage canvas =
          new BufferedImage(header.width(), header.height(), BufferedImage.TYPE_3BYTE_BGR);
      Graphics2D g = canvas.createGraphics();
      try {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, header.width(), header.height());
        g.drawImage(frame, offset[0], offset[1], null);
      } finally {
        g.dispose();
      }
      byte[] bgr = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
      Mat mat = new Mat(header.height(), header.width(), CvType.CV_8UC3);
      mat.put(0, 0, bgr);
      return mat;
    } catch (IOException | RuntimeException e) {
      throw new DecodeException(
          file, "corrupt GIF data: " + (e.getMessage() == null ? e : e.getMessage()), e);
    } finally {
      reader.dispose();
    }
  }

  /** The first frame's left/top position from the GIF image descriptor; 0,0 when absent. */
  private static int[] frameOffset(IIOMetadata metadata) {
    int[] offset = {0, 0};
    if (metadata == null) {
      return offset;
    }
    Node root = metadata.getAsTree("javax_imageio_gif_image_1.0");
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if ("ImageDescriptor".equals(n.getNodeName())) {
        NamedNodeMap attrs = n.getAttributes();
        offset[0] = Integer.parseInt(attrs.getNamedItem("imageLeftPosition").getNodeValue());
        offset[1] = Integer.parseInt(attrs.getNamedItem("imageTopPosition").getNodeValue());
      }
    }
    return offset;
  }
}
