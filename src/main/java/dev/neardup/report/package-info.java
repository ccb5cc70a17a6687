/**
 * Reports for people and programs: the JSON report of a dedup run (Jackson, snake_case), the
 * terminal summary, the HTML report ({@link dev.neardup.report.HtmlReport}, previews in a folder
 * beside it), and the collage of duplicate pairs ({@link dev.neardup.report.Collage}). Each of
 * them, the API and the review page print a match's evidence from its one {@link
 * dev.neardup.report.EvidenceView}.
 */
package dev.neardup.report;
