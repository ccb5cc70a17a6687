package dev.neardup.bench;

import dev.neardup.decode.DecodeException;
import dev.neardup.decode.DecodedImage;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.decode.OpenCv;
import dev.neardup.eval.EditKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The seeded image folders of {@code bench scale}, made from the shared real images: item {@code i}
 * of the sequence is a pure function of the seed and {@code i}, so a folder of {@code n} images is
 * the first {@code n} items and a larger folder contains every smaller one.
 *
 * <p>Three items in ten are camera frames: the frames of {@code cctv/pets2001} and then of {@code
 * cctv/vtest} in time order, re-encoded as JPEG at a quality drawn per pass; each pass over the 700
 * frames is a camera of its own, named as cameras name their files ({@code cp3-1700259200000.jpg}:
 * camera {@code p3}, epoch milliseconds), so the frames group by camera. The other seven are
 * photos: the first pass copies each shared photo ({@code ukbench}, {@code stills}) as it is, later
 * items are one {@link EditKind} of a photo (a crop, a re-encode, a rescale, a turn or a flip) with
 * the item's own {@link Random}, written as JPEG. Why edits of a few hundred photos: the folder
 * then has the duplicates a real one collects, so grouping does real work at every size.
 *
 * <p>{@link #photos} is the same sequence without frames: the photos as they are, then their edited
 * copies ({@link FilledImages}: {@code bench embed --fill-with-edits} tops a folder up with them).
 *
 * <p>{@link #generate} writes the items once into a pool; {@link #link} makes each size's folder of
 * hard links (a copy where links are refused), so the folders cost the disk of the largest one.
 */
public final class ScaleFolders {
  /** Camera frames per ten items. */
  static final int FRAMES_PER_TEN = 3;

  /** The edits that make photo copies: crops, re-encodes, rescales and turns. */
  static final List<EditKind> PHOTO_EDITS =
      List.of(
          EditKind.JPEG_90,
          EditKind.JPEG_70,
          EditKind.JPEG_50,
          EditKind.RESIZE_50,
          EditKind.RESIZE_75,
          EditKind.CROP,
          EditKind.CROP_CORNER,
          EditKind.ZOOM_10,
          EditKind.HFLIP,
          EditKind.VFLIP,
          EditKind.ROTATE_90,
          EditKind.ROTATE_180,
          EditKind.ROTATE_270,
          EditKind.ROTATE_PLUS_5,
          EditKind.ROTATE_MINUS_5);

  private static final long EPOCH_MS = 1_700_000_000_000L;
  private static final long DAY_MS = 86_400_000L;

  private final List<Path> photos;
  private final List<Path> frames;
  private final int petsFrames;
  private final long seed;

  private ScaleFolders(List<Path> photos, List<Path> frames, int petsFrames, long seed) {
    this.photos = photos;
    this.frames = frames;
    this.petsFrames = petsFrames;
    this.seed = seed;
  }

  /**
   * The generator over {@code sharedData} ({@code ../shared/data}).
   *
   * @throws IOException when a source folder is missing or holds no image
   */
  public static ScaleFolders of(Path sharedData, long seed) throws IOException {
    List<Path> photos = new ArrayList<>(images(sharedData.resolve("ukbench")));
    photos.addAll(images(sharedData.resolve("stills")));
    List<Path> pets = images(sharedData.resolve("cctv/pets2001"));
    List<Path> frames = new ArrayList<>(pets);
    frames.addAll(images(sharedData.resolve("cctv/vtest")));
    return new ScaleFolders(List.copyOf(photos), List.copyOf(frames), pets.size(), seed);
  }

  /**
   * The photo-only generator: item {@code i} is photo {@code i} as it is while {@code i <
   * photos.size()}, then a seeded edited copy (as the photo items of {@link #of}).
   *
   * @throws IllegalArgumentException when {@code photos} is empty
   */
  public static ScaleFolders photos(List<Path> photos, long seed) {
    if (photos.isEmpty()) {
      throw new IllegalArgumentException("no photos to make edited copies of");
    }
    return new ScaleFolders(List.copyOf(photos), List.of(), 0, seed);
  }

  /** Whether item {@code i} of this sequence is a camera frame (none without frames). */
  private boolean frame(int i) {
    return !frames.isEmpty() && isFrame(i);
  }

  /** Position of item {@code i} among this sequence's frames or photos. */
  private int position(int i) {
    return frames.isEmpty() ? i : rank(i);
  }

  /** Whether item {@code i} is a camera frame (three in ten, spread evenly). */
  static boolean isFrame(int i) {
    return i % 10 < FRAMES_PER_TEN;
  }

  /** Position of item {@code i} among the frames (if a frame) or among the photos. */
  static int rank(int i) {
    int tens = i / 10;
    int r = i % 10;
    return isFrame(i)
        ? tens * FRAMES_PER_TEN + r
        : tens * (10 - FRAMES_PER_TEN) + r - FRAMES_PER_TEN;
  }

  /** How many of the first {@code n} items are camera frames. */
  public static int framesIn(int n) {
    return (n / 10) * FRAMES_PER_TEN + Math.min(n % 10, FRAMES_PER_TEN);
  }

  /** Relative file name of item {@code i} in every folder that holds it. */
  String name(int i) {
    int k = position(i);
    if (frame(i)) {
      int pass = k / frames.size();
      int at = k % frames.size();
      boolean pets = at < petsFrames;
      // PETS runs at about one frame a second here, vtest at 10 fps; each pass is its own day.
      long t = EPOCH_MS + pass * DAY_MS + (pets ? at * 1000L : (at - petsFrames) * 100L);
      return String.format(Locale.ROOT, "cameras/c%s%d-%d.jpg", pets ? "p" : "v", pass, t);
    }
    Path source = photos.get(k % photos.size());
    String stem = source.getFileName().toString().replaceFirst("\\.[^.]+$", "");
    if (k < photos.size()) {
      String ext = source.getFileName().toString().replaceFirst("^.*(\\.[^.]+)$", "$1");
      return String.format(Locale.ROOT, "photos/p%06d-%s-original%s", k, stem, ext);
    }
    return String.format(Locale.ROOT, "photos/p%06d-%s-%s.jpg", k, stem, photoEdit(k).label());
  }

  /**
   * Writes items {@code 0 .. count-1} under {@code pool} (skipping those already there), decoding
   * each source image once.
   *
   * @return the relative names, in item order
   */
  public List<String> generate(int count, Path pool) throws IOException {
    OpenCv.load();
    if (!frames.isEmpty()) {
      Files.createDirectories(pool.resolve("cameras"));
    }
    Files.createDirectories(pool.resolve("photos"));
    List<String> names = IntStream.range(0, count).mapToObj(this::name).toList();
    ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);
    // Items grouped by source, so each source is decoded once; a source's items depend only on
    // the seed and their index, so the order (and the parallelism) changes no byte.
    List<List<Integer>> bySource = new ArrayList<>();
    for (int s = 0; s < photos.size() + frames.size(); s++) {
      bySource.add(new ArrayList<>());
    }
    for (int i = 0; i < count; i++) {
      int k = position(i);
      bySource.get(frame(i) ? photos.size() + k % frames.size() : k % photos.size()).add(i);
    }
    IntStream.range(0, bySource.size())
        .parallel()
        .filter(s -> !bySource.get(s).isEmpty())
        .forEach(
            s -> {
              Path source = s < photos.size() ? photos.get(s) : frames.get(s - photos.size());
              try {
                writeItems(source, bySource.get(s), names, pool, decoder);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return names;
  }

  private void writeItems(
      Path source, List<Integer> items, List<String> names, Path pool, ImageDecoder decoder)
      throws IOException {
    List<Integer> missing =
        items.stream().filter(i -> !Files.exists(pool.resolve(names.get(i)))).toList();
    if (missing.isEmpty()) {
      return;
    }
    try (DecodedImage image = decoder.decode(source)) {
      for (int i : missing) {
        Path file = pool.resolve(names.get(i));
        int k = position(i);
        if (frame(i)) {
          int pass = k / frames.size();
          boolean pets = k % frames.size() < petsFrames;
          // One quality per camera pass, so a pass re-encodes its camera as one device would.
          int quality = 75 + new Random(seed * 31 + pass * 2L + (pets ? 0 : 1)).nextInt(21);
          Files.write(file, jpeg(image.bgr(), quality));
        } else if (k < photos.size()) {
          Files.copy(source, file);
        } else {
          Random random = new Random(seed * 1_000_003L + k);
          EditKind kind = photoEdit(k);
          int quality = kind.jpegQuality() > 0 ? kind.jpegQuality() : 70 + random.nextInt(26);
          Mat edited = kind.apply(image.bgr(), random);
          try {
            Files.write(file, jpeg(edited, quality));
          } finally {
            edited.release();
          }
        }
      }
    } catch (DecodeException e) {
      throw new IOException("cannot decode shared image " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * The edit of photo copy {@code k}: drawn from the seed and {@code k} alone (not from the item's
   * edit randomness), so a file's name is known without making it.
   */
  private EditKind photoEdit(int k) {
    return PHOTO_EDITS.get(new Random(seed * 7_919L + k).nextInt(PHOTO_EDITS.size()));
  }

  /**
   * Makes {@code folder} hold the first {@code n} of {@code names} from {@code pool}, as hard links
   * (copies where the file system refuses links).
   */
  public static void link(Path pool, List<String> names, int n, Path folder) throws IOException {
    if (n > names.size()) {
      throw new IllegalArgumentException(
          "folder of " + n + " images asked from a pool of " + names.size());
    }
    for (String name : names.subList(0, n)) {
      Path to = folder.resolve(name);
      Files.createDirectories(to.getParent());
      try {
        Files.createLink(to, pool.resolve(name));
      } catch (UnsupportedOperationException | IOException e) {
        Files.copy(pool.resolve(name), to);
      }
    }
  }

  private static byte[] jpeg(Mat image, int quality) {
    MatOfByte out = new MatOfByte();
    MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality);
    try {
      if (!Imgcodecs.imencode(".jpg", image, out, params)) {
        throw new IllegalStateException("OpenCV could not encode a JPEG at quality " + quality);
      }
      return out.toArray();
    } finally {
      out.release();
      params.release();
    }
  }

  private static List<Path> images(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IOException("shared images missing: " + folder.toAbsolutePath());
    }
    try (Stream<Path> s = Files.list(folder)) {
      List<Path> found =
          s.filter(Files::isRegularFile)
              .filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)$"))
              .sorted()
              .toList();
      if (found.isEmpty()) {
        throw new IOException("no images in " + folder.toAbsolutePath());
      }
      return found;
    }
  }
}
