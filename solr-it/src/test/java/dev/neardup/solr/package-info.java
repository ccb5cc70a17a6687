/**
 * A local SolrCloud for trying and testing neardup's cluster mode: {@link dev.neardup.solr.SolrDev}
 * (run by {@code bin/solr-dev}) starts an in-process MiniSolrCloudCluster on fixed ports, so a user
 * can paste the README's "Scaling out" commands on one machine without installing Solr.
 */
package dev.neardup.solr;
