/**
 * Where the two-phase dedup keeps phase 1's results between the workers and phase 2: {@link
 * dev.neardup.neighbours.NeighbourStore}, one interface for any place (a shared folder: {@link
 * dev.neardup.neighbours.FileNeighbourStore}; a SolrCloud collection: {@code
 * index.solr.SolrNeighbourStore}; {@code IndexLocation#neighbours} chooses by where the index is),
 * so that the grouping code never knows where they live.
 */
package dev.neardup.neighbours;
