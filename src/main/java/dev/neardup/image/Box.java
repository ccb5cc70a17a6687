package dev.neardup.image;

/**
 * An axis-aligned rectangle in pixels of the compared resolution: the bounding box of one counted
 * changed region. {@code (x, y)} is the top-left pixel; the box covers columns {@code x .. x +
 * width - 1} and rows {@code y .. y + height - 1}.
 */
public record Box(int x, int y, int width, int height) {

  /**
   * @throws IllegalArgumentException when {@code x} or {@code y} is negative or a side is negative
   */
  public Box {
    if (x < 0 || y < 0 || width < 0 || height < 0) {
      throw new IllegalArgumentException(
          "box must have x, y >= 0 and width, height >= 0; got x="
              + x
              + " y="
              + y
              + " width="
              + width
              + " height="
              + height);
    }
  }
}
