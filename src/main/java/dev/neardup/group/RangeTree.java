package dev.neardup.group;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An exact range search over points in a few dimensions under a "dead-zone L1" distance: {@link
 * #query} finds every point {@code p} with {@code Σ_j max(0, |q_j − p_j| − dead_j) ≤ radius}. With
 * no dead zone this is the L1 ball (the histogram index); with a dead zone it is the signature
 * bound over tile groups ({@link SignatureIndex}).
 *
 * <p>A k-d tree whose every node keeps the bounding box of its points. <b>Why a pruned node holds
 * no answer.</b> Each term {@code max(0, |q_j − p_j| − dead_j)} only grows with {@code |q_j −
 * p_j|}, and for a point inside the box {@code |q_j − p_j|} is at least the gap from {@code q_j} to
 * the box's interval in dimension {@code j}; so {@code Σ_j max(0, gap_j − dead_j)} is a lower bound
 * for every point of the node, and a node whose bound exceeds the radius is skipped whole. Leaves
 * compute each point's distance itself. The answers are those of a scan over every point.
 *
 * <p>Points are added one by one (the kept set grows while grouping); an insert descends to a leaf
 * and splits it at the median of its widest dimension when it overflows. When the tree grows much
 * deeper than a balanced one would be (points that arrive sorted), it is rebuilt balanced, so an
 * insert costs {@code O(log n)} amortised. Not thread-safe.
 */
final class RangeTree {
  private static final int LEAF = 16;

  private final int dims;
  private final List<double[]> points = new ArrayList<>();
  private int[] ids = new int[16];
  private Node root;
  private int depth;

  /** An empty tree of {@code dims}-dimensional points. */
  RangeTree(int dims) {
    if (dims < 1) {
      throw new IllegalArgumentException("a range tree needs at least one dimension; got " + dims);
    }
    this.dims = dims;
  }

  int size() {
    return points.size();
  }

  /** Adds the point {@code p} (copied by reference: do not change it) under {@code id}. */
  void add(int id, double[] p) {
    if (p.length != dims) {
      throw new IllegalArgumentException("point of " + p.length + " dimensions; need " + dims);
    }
    int i = points.size();
    points.add(p);
    if (i == ids.length) {
      ids = Arrays.copyOf(ids, i * 2);
    }
    ids[i] = id;
    if (root == null) {
      root = new Node(p);
    }
    Node n = root;
    int d = 0;
    while (true) {
      n.include(p);
      if (n.leaf != null) {
        break;
      }
      n = p[n.dim] < n.split ? n.left : n.right;
      d++;
    }
    n.addToLeaf(i);
    if (n.count > LEAF) {
      split(n);
    }
    depth = Math.max(depth, d + 1);
    int balanced = 32 - Integer.numberOfLeadingZeros(points.size() / LEAF + 1);
    if (depth > 2 * balanced + 8) {
      rebuild();
    }
  }

  /** Receives a point found by {@link #query}. */
  @FunctionalInterface
  interface Hit {
    void found(int id, double distance);
  }

  /**
   * Passes to {@code out} the id and distance of every point within {@code radius} of {@code q},
   * with {@code dead} the dead zone of each dimension (each at least 0); in no particular order.
   */
  void query(double[] q, double[] dead, double radius, Hit out) {
    if (root != null) {
      query(root, q, dead, radius, out);
    }
  }

  /** {@code Σ_j max(0, |q_j − p_j| − dead_j)}. */
  static double distance(double[] q, double[] p, double[] dead) {
    double s = 0;
    for (int j = 0; j < q.length; j++) {
      double e = Math.abs(q[j] - p[j]) - dead[j];
      if (e > 0) {
        s += e;
      }
    }
    return s;
  }

  private void query(Node n, double[] q, double[] dead, double radius, Hit out) {
    double lb = 0;
    for (int j = 0; j < dims && lb <= radius; j++) {
      double gap = Math.max(0, Math.max(n.lo[j] - q[j], q[j] - n.hi[j])) - dead[j];
      if (gap > 0) {
        lb += gap;
      }
    }
    if (lb > radius) {
      return;
    }
    if (n.leaf != null) {
      for (int k = 0; k < n.count; k++) {
        int i = n.leaf[k];
        double d = distance(q, points.get(i), dead);
        if (d <= radius) {
          out.found(ids[i], d);
        }
      }
      return;
    }
    query(n.left, q, dead, radius, out);
    query(n.right, q, dead, radius, out);
  }

  /** Splits an overflowing leaf at the median of its widest dimension, if any dimension splits. */
  private void split(Node n) {
    int[] members = Arrays.copyOf(n.leaf, n.count);
    int best = widest(n);
    if (best < 0) {
      return; // all points equal: the leaf just grows
    }
    divide(n, members, best);
  }

  /** Makes {@code n} an inner node over {@code members}, split in dimension {@code dim}. */
  private void divide(Node n, int[] members, int dim) {
    double[] values = new double[members.length];
    for (int k = 0; k < members.length; k++) {
      values[k] = points.get(members[k])[dim];
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double split = sorted[sorted.length / 2];
    if (split == sorted[0]) {
      // Many equal to the minimum: split just above it instead.
      int k = Arrays.binarySearch(sorted, Math.nextUp(split));
      k = k < 0 ? -k - 1 : k;
      if (k >= sorted.length) {
        return;
      }
      split = sorted[k];
    }
    Node left = null;
    Node right = null;
    for (int k = 0; k < members.length; k++) {
      double[] p = points.get(members[k]);
      if (values[k] < split) {
        left = left == null ? new Node(p) : left;
        left.include(p);
        left.addToLeaf(members[k]);
      } else {
        right = right == null ? new Node(p) : right;
        right.include(p);
        right.addToLeaf(members[k]);
      }
    }
    n.leaf = null;
    n.count = 0;
    n.dim = dim;
    n.split = split;
    n.left = left;
    n.right = right;
  }

  /** Rebuilds the whole tree balanced (median splits top-down). */
  private void rebuild() {
    int[] all = new int[points.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    depth = 0;
    root = build(all, 1);
  }

  private Node build(int[] members, int level) {
    Node n = new Node(points.get(members[0]));
    for (int i : members) {
      n.include(points.get(i));
    }
    depth = Math.max(depth, level);
    if (members.length > LEAF) {
      int best = widest(n);
      if (best >= 0) {
        divide(n, members, best);
        if (n.leaf == null) {
          n.left = build(memberIds(n.left), level + 1);
          n.right = build(memberIds(n.right), level + 1);
          return n;
        }
      }
    }
    for (int i : members) {
      n.addToLeaf(i);
    }
    return n;
  }

  private static int[] memberIds(Node leaf) {
    return Arrays.copyOf(leaf.leaf, leaf.count);
  }

  private static final class Node {
    final double[] lo;
    final double[] hi;
    int[] leaf = new int[4];
    int count;
    int dim;
    double split;
    Node left;
    Node right;

    Node(double[] p) {
      lo = p.clone();
      hi = p.clone();
    }

    void include(double[] p) {
      for (int j = 0; j < p.length; j++) {
        if (p[j] < lo[j]) {
          lo[j] = p[j];
        }
        if (p[j] > hi[j]) {
          hi[j] = p[j];
        }
      }
    }

    void addToLeaf(int i) {
      if (count == leaf.length) {
        leaf = Arrays.copyOf(leaf, count * 2);
      }
      leaf[count++] = i;
    }
  }

  /** The dimension in which {@code n}'s box is widest, or -1 when every point is the same. */
  private int widest(Node n) {
    int best = -1;
    double width = 0;
    for (int j = 0; j < dims; j++) {
      double w = n.hi[j] - n.lo[j];
      if (w > width) {
        width = w;
        best = j;
      }
    }
    return best;
  }
}
