package dev.neardup.report;

import dev.neardup.embed.ModelFiles;
import dev.neardup.embed.ModelInfo;
import dev.neardup.index.IndexSettings;

/**
 * Which model produced a report's similarities — printed in every report, so that figures from
 * random weights or from the hash-only mode are never mistaken for the real thing.
 *
 * @param id the model id stored in the index
 * @param embeddingStage true when a model embedded the images
 * @param weights {@code pretrained}, {@code random}, {@code unknown} or {@code none}
 * @param note what this means for the results, and how to turn the embedding stage on
 */
public record ModelSection(String id, boolean embeddingStage, String weights, String note) {

  /** The section for a run with {@code model}, or without a model when it is null. */
  public static ModelSection of(ModelInfo model) {
    if (model == null) {
      return new ModelSection(
          IndexSettings.NO_MODEL,
          false,
          "none",
          "Embedding stage OFF: no model file, so every kept image was a candidate (pairs that"
              + " provably fail the pixel-diff check skipped; alignment tried where pHash variants or"
              + " gray histograms are close, and at --verify scene where visual words propose"
              + " it). Exact, but it grows with images x kept images on large"
              + " folders of photos. Turn it on with: "
              + ModelFiles.EXPORT_COMMAND
              + " (see models/README.md)");
    }
    String note =
        switch (model.weights()) {
          case ModelInfo.RANDOM ->
              "RANDOM WEIGHTS (asked for with --allow-random-weights): similarities carry no"
                  + " meaning; for tests and benchmarks only";
          case ModelInfo.UNKNOWN ->
              "the model file does not say which weights it holds (not exported by"
                  + " models/export_resnet50.py)";
          default -> "pretrained weights";
        };
    return new ModelSection(model.id(), true, model.weights(), note);
  }
}
