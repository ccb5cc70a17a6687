/**
 * The SolrCloud backend of {@link dev.neardup.index.ImageIndex}: one collection, spoken to over
 * Solr's JSON HTTP API with the JDK's own client.
 *
 * <p>{@link dev.neardup.index.solr.SolrImageIndex} writes and commits, {@link
 * dev.neardup.index.solr.SolrSnapshot} is its point-in-time view (a generation and the documents it
 * saw), {@link dev.neardup.index.solr.SolrDocs} maps records to JSON documents under {@link
 * dev.neardup.index.Schema}'s names, {@link dev.neardup.index.solr.SolrAdmin} creates collections
 * ({@code neardup solr init}) and {@link dev.neardup.index.solr.SolrHttp} is the transport. {@link
 * dev.neardup.index.solr.SolrKeptFlag} turns a large "among the kept images" filter into a flag in
 * the collection, {@link dev.neardup.index.solr.SolrClaims} settles identical uploads between
 * machines, and {@link dev.neardup.index.solr.SolrNeighbourStore} keeps the two-phase dedup's phase
 * 1 results in the collection.
 */
package dev.neardup.index.solr;
