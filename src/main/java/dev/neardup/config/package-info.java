/**
 * The one table of built-in settings ({@link dev.neardup.config.Defaults}): each setting's key (the
 * long option name and the key in {@code config/neardup.yaml}), its type and its default value.
 *
 * <p>Why one table: the command line (picocli), the settings file loader, the library's config
 * records ({@code EngineConfig.defaults()}, {@code GroupingOptions.defaults()}, {@code
 * ServiceConfig}) and the tests all read it, so a default is written once and the shipped file is
 * checked against it key by key. Precedence, highest first: the command line, the environment
 * ({@code NEARDUP_<KEY>}), the settings file, this table.
 */
package dev.neardup.config;
