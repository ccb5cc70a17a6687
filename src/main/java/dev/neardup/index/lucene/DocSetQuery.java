package dev.neardup.index.lucene;

import dev.neardup.index.DocFilter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;

/**
 * Matches the documents whose top-level doc ids are in a {@link DocFilter}, e.g. "the images kept
 * so far" while grouping. Used as a k-NN filter; the set is read live, so the query must not be
 * cached (it says so) and must not outlive the reader its doc ids came from.
 */
final class DocSetQuery extends Query {
  private final DocFilter docs;

  DocSetQuery(DocFilter docs) {
    this.docs = docs;
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new ConstantScoreWeight(this, boost) {
      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) {
        int base = context.docBase;
        int maxDoc = context.reader().maxDoc();
        DocIdSetIterator it = new LeafView(docs, base, maxDoc);
        var scorer = new ConstantScoreScorer(score(), scoreMode, it);
        return new DefaultScorerSupplier(scorer);
      }

      @Override
      public boolean isCacheable(LeafReaderContext ctx) {
        return false;
      }
    };
  }

  @Override
  public String toString(String field) {
    return "DocSetQuery(" + docs.cardinality() + " docs)";
  }

  @Override
  public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override
  public boolean equals(Object other) {
    return this == other; // the set changes while in use: identity is the only honest equality
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  /** Iterates one leaf's slice [base, base + maxDoc) of the global doc set, in leaf doc ids. */
  private static final class LeafView extends DocIdSetIterator {
    private final DocFilter bits;
    private final int base;
    private final int maxDoc;
    private int doc = -1;

    LeafView(DocFilter bits, int base, int maxDoc) {
      this.bits = bits;
      this.base = base;
      this.maxDoc = maxDoc;
    }

    @Override
    public int docID() {
      return doc;
    }

    @Override
    public int nextDoc() {
      return advance(doc + 1);
    }

    @Override
    public int advance(int target) {
      int global = base + target;
      if (target >= maxDoc || global >= bits.capacity()) {
        return doc = NO_MORE_DOCS;
      }
      int next = bits.next(global);
      return doc = (next < 0 || next >= base + maxDoc) ? NO_MORE_DOCS : next - base;
    }

    @Override
    public long cost() {
      return maxDoc;
    }
  }
}
