package dev.neardup.group;

import java.util.List;

/**
 * One image's verified earlier neighbours, as phase 1 writes them.
 *
 * @param position the image's place in the visit order
 * @param path its path (phase 2 checks that the visit order is the one phase 1 saw)
 * @param neighbours its verified duplicates among earlier images, never empty (an image without any
 *     is not listed)
 */
public record ProbeNeighbours(int position, String path, List<EarlierNeighbour> neighbours) {
  public ProbeNeighbours {
    neighbours = List.copyOf(neighbours);
    for (EarlierNeighbour n : neighbours) {
      if (n.position() >= position) {
        throw new IllegalArgumentException(
            path + " at " + position + " lists a neighbour at " + n.position() + ", not before it");
      }
    }
  }
}
