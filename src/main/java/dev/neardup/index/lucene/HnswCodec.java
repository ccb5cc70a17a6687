package dev.neardup.index.lucene;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * The stock Lucene codec with an HNSW vectors format that accepts ResNet50's 2048 dimensions.
 *
 * <p>Lucene's vector formats refuse more than 1024 dimensions. As Solr and Elasticsearch do, we
 * wrap the format under <em>the same SPI name</em> and raise only {@link
 * KnnVectorsFormat#getMaxDimensions}: the files written are byte-for-byte the stock format's, so
 * any Lucene 10 reader (including Luke) opens the index through the stock format found by SPI.
 */
public final class HnswCodec extends Lucene104Codec {
  /** Highest vector dimension neardup accepts (ResNet50 gives 2048). */
  public static final int MAX_DIMENSIONS = 4096;

  private final KnnVectorsFormat vectors;

  /**
   * @param maxConn HNSW graph degree (Lucene's M)
   * @param beamWidth candidate list size while building the graph
   * @param quantized store int8 scalar-quantised vectors for the graph (raw floats are kept too)
   */
  public HnswCodec(int maxConn, int beamWidth, boolean quantized) {
    KnnVectorsFormat stock =
        quantized
            ? new Lucene104HnswScalarQuantizedVectorsFormat(
                ScalarEncoding.UNSIGNED_BYTE, maxConn, beamWidth)
            : new Lucene99HnswVectorsFormat(maxConn, beamWidth);
    this.vectors = new WideVectors(stock);
  }

  @Override
  public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
    return vectors;
  }

  /** Delegates everything to the stock format but the dimension cap. */
  private static final class WideVectors extends KnnVectorsFormat {
    private final KnnVectorsFormat delegate;

    WideVectors(KnnVectorsFormat delegate) {
      super(delegate.getName());
      this.delegate = delegate;
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
      return delegate.fieldsWriter(state);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
      return delegate.fieldsReader(state);
    }

    @Override
    public int getMaxDimensions(String fieldName) {
      return MAX_DIMENSIONS;
    }

    @Override
    public String toString() {
      return "WideVectors(" + delegate + ")";
    }
  }
}
