/**
 * Reports for people and programs: the JSON report of a dedup run (Jackson, snake_case) and the
 * terminal summary.
 */
package dev.neardup.report;
