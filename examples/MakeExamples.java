import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Makes the sample folder {@code examples/} from the shared real images (see examples/README.md).
 * Plain JDK, no dependency: {@code java examples/MakeExamples.java ../shared/data examples}.
 *
 * <p>Camera: 24 frames of the OpenCV sample video vtest (every 4th of frames 0..92, 10 fps),
 * halved to 384x288 and re-encoded as JPEG q85, named as a camera names them: {@code
 * c21-<epoch millis>.jpg}, 400 ms apart. Photos: OpenCV sample stills re-encoded as JPEG q90 (the
 * originals), and edited copies of three of them (a low-quality re-encoding, a half-size copy, a
 * mirrored copy, a watermarked copy, a 6 % crop).
 */
public class MakeExamples {
  public static void main(String[] args) throws IOException {
    Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
    Path out = Path.of(args.length > 1 ? args[1] : "examples");
    Path camera = Files.createDirectories(out.resolve("camera"));
    Path photos = Files.createDirectories(out.resolve("photos"));

    long start = 1_623_873_231_583L; // the first frame's capture time, in epoch milliseconds
    for (int i = 0; i <= 92; i += 4) {
      String name = String.format("frame_%05d.%s", i, i < 20 ? "png" : "jpg");
      BufferedImage frame = read(data.resolve("cctv/vtest").resolve(name));
      long millis = start + 100L * i; // 10 frames a second
      jpeg(scaled(frame, 0.5), 0.85f, camera.resolve("c21-" + millis + ".jpg"));
    }

    for (String still : new String[] {"fruits", "baboon", "building", "home", "butterfly"}) {
      jpeg(read(data.resolve("stills/" + still + ".jpg")), 0.90f, photos.resolve(still + ".jpg"));
    }
    BufferedImage fruits = read(data.resolve("stills/fruits.jpg"));
    jpeg(fruits, 0.30f, photos.resolve("fruits-quality30.jpg"));
    jpeg(scaled(fruits, 0.5), 0.90f, photos.resolve("fruits-half-size.jpg"));
    BufferedImage baboon = read(data.resolve("stills/baboon.jpg"));
    jpeg(mirrored(baboon), 0.90f, photos.resolve("baboon-mirrored.jpg"));
    jpeg(watermarked(baboon), 0.90f, photos.resolve("baboon-watermarked.jpg"));
    BufferedImage building = read(data.resolve("stills/building.jpg"));
    jpeg(cropped(building, 0.06), 0.90f, photos.resolve("building-cropped.jpg"));
  }

  static BufferedImage read(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    if (image == null) {
      throw new IOException("not an image ImageIO reads: " + file);
    }
    return rgb(image);
  }

  static BufferedImage rgb(Image image) {
    BufferedImage out =
        new BufferedImage(image.getWidth(null), image.getHeight(null), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return out;
  }

  /** Area-averaged resize (deterministic: no interpolation hints involved). */
  static BufferedImage scaled(BufferedImage image, double factor) {
    int w = (int) Math.round(image.getWidth() * factor);
    int h = (int) Math.round(image.getHeight() * factor);
    return rgb(image.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING));
  }

  static BufferedImage mirrored(BufferedImage image) {
    BufferedImage out =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(image, new AffineTransform(-1, 0, 0, 1, image.getWidth(), 0), null);
    g.dispose();
    return out;
  }

  /** {@code share} of each side cut away, half of it on each edge. */
  static BufferedImage cropped(BufferedImage image, double share) {
    int dx = (int) Math.round(image.getWidth() * share / 2);
    int dy = (int) Math.round(image.getHeight() * share / 2);
    return rgb(
        image.getSubimage(dx, dy, image.getWidth() - 2 * dx, image.getHeight() - 2 * dy));
  }

  /** A half-transparent white badge in the lower right corner (shapes only: no font involved). */
  static BufferedImage watermarked(BufferedImage image) {
    BufferedImage out = rgb(image);
    Graphics2D g = out.createGraphics();
    int w = image.getWidth() / 5;
    int h = image.getHeight() / 14;
    int x = image.getWidth() - w - 12;
    int y = image.getHeight() - h - 12;
    g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.5f));
    g.setColor(Color.WHITE);
    g.fillRect(x, y, w, h);
    g.setColor(Color.BLACK);
    g.fillOval(x + 4, y + 4, h - 8, h - 8);
    g.fillRect(x + h, y + h / 2 - 2, w - h - 6, 4);
    g.dispose();
    return out;
  }

  static void jpeg(BufferedImage image, float quality, Path file) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality);
    Files.deleteIfExists(file);
    try (ImageOutputStream s = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(s);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }
}
