/**
 * The HTTP service ({@code neardup serve}): a Javalin app in front of the library. {@link
 * dev.neardup.http.NeardupService} assembles it; {@code Routes} declares every route in one place
 * (and which ones need the bearer token); {@code ImageApi} and {@code AdminApi} are thin handlers
 * that parse, call {@link dev.neardup.pipeline.Ingestor} / {@link
 * dev.neardup.pipeline.Deduplicator}, and shape JSON with {@code Views}; {@code Errors} maps
 * exceptions to statuses and {@code {"error", "detail"}} bodies; {@code PathGuard} keeps paths
 * under the configured roots; {@code Metrics} holds a Micrometer Prometheus registry (neardup's
 * series plus the JVM's and Jetty's). The API is described in {@code
 * src/main/resources/openapi.yaml}, served at {@code /openapi.yaml}.
 */
package dev.neardup.http;
