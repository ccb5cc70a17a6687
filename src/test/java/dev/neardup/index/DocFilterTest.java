package dev.neardup.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DocFilterTest {

  @Test
  void holds_the_added_doc_ids_and_walks_them_in_order() {
    DocFilter f = new DocFilter(100);
    f.add(42);
    f.add(3);
    f.add(42);
    assertEquals(2, f.cardinality());
    assertTrue(f.contains(3));
    assertFalse(f.contains(4));
    assertFalse(f.contains(1000));
    assertEquals(3, f.next(0));
    assertEquals(42, f.next(4));
    assertEquals(-1, f.next(43));
    assertThrows(IndexOutOfBoundsException.class, () -> f.add(100));
  }
}
