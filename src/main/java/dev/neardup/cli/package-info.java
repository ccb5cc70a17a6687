/**
 * The command line (picocli): thin commands that parse options, call {@link
 * dev.neardup.pipeline.Engine}, and format the answer. Defaults come from config/neardup.yaml.
 */
package dev.neardup.cli;
