package dev.neardup.act;

/**
 * A duplicate whose sidecar disagrees with its keeper's: the same picture with different labels.
 * For a training set this is the most important finding of a run, so it is reported whether or not
 * anything moves.
 *
 * @param duplicate the duplicate image
 * @param kept the image kept in its place
 * @param duplicateSidecar the duplicate's sidecar
 * @param keptSidecar the keeper's sidecar of the same kind, or null when the keeper has none (the
 *     labelled copy would move and the unlabelled one stay)
 * @param reason {@code labels differ} or {@code the kept image has no such sidecar}
 */
public record SidecarConflict(
    String duplicate, String kept, String duplicateSidecar, String keptSidecar, String reason) {}
