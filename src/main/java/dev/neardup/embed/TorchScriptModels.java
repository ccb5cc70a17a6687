package dev.neardup.embed;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.Translator;
import dev.neardup.embed.ModelUnavailableException.Reason;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads a TorchScript file through DJL and checks its output; shared by {@link TorchScriptEmbedder}
 * and {@link RawForward}.
 */
final class TorchScriptModels {
  static final String ENGINE = "PyTorch";
  private static final String INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

  private TorchScriptModels() {}

  /**
   * Sets PyTorch's intra-op threads (process-wide) and starts the engine if needed.
   *
   * <p>DJL reads {@code ai.djl.pytorch.num_threads} only when the engine starts, so the count is
   * set through {@link JniUtils#setNumThreads} instead, which also works after a first start.
   * Inter-op threads can be set only before any parallel work; nothing here uses them (no {@code
   * fork} in a traced ResNet), so they are set to 1 when the caller has not chosen.
   */
  static void configureThreads(int intraOpThreads) {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be >= 1; got " + intraOpThreads);
    }
    if (System.getProperty(INTEROP_THREADS) == null) {
      System.setProperty(INTEROP_THREADS, "1");
    }
    Engine.getEngine(ENGINE);
    JniUtils.setNumThreads(intraOpThreads);
  }

  /**
   * Loads {@code file} once, with {@code translator} for its predictors.
   *
   * @throws ModelUnavailableException {@link Reason#CORRUPT} when PyTorch cannot load it
   */
  static <I, O> ZooModel<I, O> load(
      Path file, Class<I> in, Class<O> out, Translator<I, O> translator, int intraOpThreads) {
    configureThreads(intraOpThreads);
    Path absolute = file.toAbsolutePath();
    Criteria<I, O> criteria =
        Criteria.builder()
            .setTypes(in, out)
            .optEngine(ENGINE)
            .optModelPath(absolute)
            // The exact file name: DJL would otherwise look for "<folder name>.pt" or "model.pt".
            .optModelName(absolute.getFileName().toString())
            .optTranslator(translator)
            .build();
    try {
      return criteria.loadModel();
    } catch (ModelNotFoundException | MalformedModelException | IOException | EngineException e) {
      throw new ModelUnavailableException(
          Reason.CORRUPT,
          file,
          "PyTorch could not load model file " + file + " as TorchScript: " + firstLine(e),
          e);
    }
  }

  /**
   * Runs one all-zero {@code [1, 3, 224, 224]} input and returns the output's second dimension.
   *
   * @throws ModelUnavailableException {@link Reason#BAD_OUTPUT} unless the model returns exactly
   *     one float32 tensor of shape {@code [1, D]}
   */
  static int outputDim(ZooModel<?, ?> model, Path file) {
    return outputDim(model, file, Preprocess.CROP);
  }

  /** As {@link #outputDim(ZooModel, Path)} with a {@code [1, 3, size, size]} input. */
  static int outputDim(ZooModel<?, ?> model, Path file, int size) {
    String input = "(1, 3, " + size + ", " + size + ")";
    // A sub-manager owns the input and, through it, the outputs: all freed on close.
    try (NDManager manager = model.getNDManager().newSubManager()) {
      NDArray zeros = manager.zeros(new Shape(1, 3, size, size));
      NDList out;
      try {
        out =
            model.getBlock().forward(new ParameterStore(manager, false), new NDList(zeros), false);
      } catch (EngineException e) {
        throw new ModelUnavailableException(
            Reason.BAD_OUTPUT,
            file,
            "Model file "
                + file
                + " fails on a "
                + input
                + " input: "
                + firstLine(e)
                + ". neardup needs an image model that maps it to (1, D) features.",
            e);
      }
      if (out.size() != 1) {
        throw new ModelUnavailableException(
            Reason.BAD_OUTPUT,
            file,
            "Model file "
                + file
                + " returns "
                + out.size()
                + " tensors; expected one (1, D) tensor");
      }
      Shape shape = out.get(0).getShape();
      if (shape.dimension() != 2 || shape.get(0) != 1 || shape.get(1) < 1) {
        throw new ModelUnavailableException(
            Reason.BAD_OUTPUT,
            file,
            "Model file "
                + file
                + " maps a "
                + input
                + " input to shape "
                + shape
                + "; expected 2-D (1, D), e.g. (1, 2048) for ResNet50 with fc = Identity");
      }
      if (out.get(0).getDataType() != DataType.FLOAT32) {
        throw new ModelUnavailableException(
            Reason.BAD_OUTPUT,
            file,
            "Model file " + file + " outputs " + out.get(0).getDataType() + "; expected float32");
      }
      return Math.toIntExact(shape.get(1));
    }
  }

  /** PyTorch messages carry a C++ trace after the first line; the cause keeps all of it. */
  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
