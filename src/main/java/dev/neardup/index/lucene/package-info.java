/**
 * The embedded backend of {@link dev.neardup.index.ImageIndex}: one Lucene index in a folder.
 *
 * <p>{@link dev.neardup.index.lucene.LuceneImageIndex} owns the writer and a near-real-time
 * searcher, {@link dev.neardup.index.lucene.LuceneSnapshot} is its point-in-time view, {@link
 * dev.neardup.index.lucene.LuceneDocs} maps records to documents under {@link
 * dev.neardup.index.Schema}'s names, {@link dev.neardup.index.lucene.HnswCodec} lifts Lucene's
 * 1024-dimension cap and {@link dev.neardup.index.lucene.DocSetQuery} filters a k-NN search to a
 * set of documents. Lucene is imported nowhere else in the application.
 */
package dev.neardup.index.lucene;
