/**
 * Stage 3, the index: what is stored per image (path, SHA-256, size, mtime, size in pixels, camera
 * and time from the name, pHash, signatures, the verification image and the embedding), with the
 * model that made it recorded beside it.
 *
 * <p>This package is the contract and its domain types only: {@link dev.neardup.index.ImageIndex}
 * is the one interface callers use, {@link dev.neardup.index.IndexLocation} (a folder or a Solr
 * collection, parsed once from the setting) the one way to open one or read its settings, and
 * {@link dev.neardup.index.IndexSnapshot} its point-in-time view for listing, k-NN (restricted to a
 * {@link dev.neardup.index.DocFilter} of doc ids when asked) and loading verification images; the
 * per-image values are computed before they arrive ({@link dev.neardup.image.Signatures}), and the
 * backends only encode and decode them. {@link dev.neardup.index.Schema} names the fields both
 * backends store. People's review decisions ("not a duplicate", "keep this one") are read as {@link
 * dev.neardup.index.Decisions}; who sent an image and when it arrived is its {@link
 * dev.neardup.index.Origin}.
 *
 * <p>The backends live beside it: {@code index/lucene/} (the embedded default) and {@code
 * index/solr/} (a SolrCloud collection). Nothing outside them imports Lucene or Solr types.
 */
package dev.neardup.index;
