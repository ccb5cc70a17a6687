package dev.neardup.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.embed.ModelUnavailableException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Finds out what a model file is before it is loaded: is it there, is it a TorchScript archive,
 * what weights does it hold, and what is its SHA-256.
 *
 * <p>Why before loading: PyTorch's own errors for a missing, truncated or wrong file are long C++
 * traces that do not say what to do. Here each case gets a {@link ModelUnavailableException} that
 * names the file and the command that fixes it. And a random-weight model (made for tests, its
 * embeddings meaningless) would silently produce plausible-looking but useless groups, so it is
 * refused unless the caller asked for it by name.
 *
 * <p>What the weights are is read from {@code <archive-root>/extra/neardup.json}, which {@code
 * models/export_resnet50.py} writes. A TorchScript file without it (a user's own export) is allowed
 * and reported as {@code "unknown"} weights.
 */
public final class ModelFiles {
  /** Where the pretrained model is expected by default, relative to the project root. */
  public static final String DEFAULT_MODEL = "models/resnet50.pt";

  /** The command that makes the real model (needs internet access once). */
  public static final String EXPORT_COMMAND =
      "python3 models/export_resnet50.py --weights pretrained --out " + DEFAULT_MODEL;

  /** The command that makes the random-weight model the tests use (offline). */
  public static final String TEST_MODEL_COMMAND = "bash models/make-test-model.sh";

  /** The command-line flag that asks for random weights by name; shells should use this name. */
  public static final String ALLOW_RANDOM_FLAG = "--allow-random-weights";

  private static final String METADATA_SUFFIX = "/extra/neardup.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelFiles() {}

  /**
   * A model file that was found to be a TorchScript archive, with what its metadata says.
   *
   * @param path the file as given
   * @param sha256 SHA-256 of its bytes, lowercase hex
   * @param architecture from {@code neardup.json}, or {@code "unknown"}
   * @param weights {@link ModelInfo#PRETRAINED}, {@link ModelInfo#RANDOM} or {@link
   *     ModelInfo#UNKNOWN}
   * @param weightsTag from {@code neardup.json}, or {@code "unknown"}
   * @param precision from {@code neardup.json}; {@link Precision#FP32} when it has no such field
   */
  public record ModelFile(
      Path path,
      String sha256,
      String architecture,
      String weights,
      String weightsTag,
      Precision precision) {
    /** Combines this with what is known only after loading: the output dimension. */
    public ModelInfo toInfo(int dim, String preprocessing) {
      return new ModelInfo(
          path.getFileName().toString(),
          sha256,
          architecture,
          weights,
          weightsTag,
          dim,
          preprocessing,
          precision);
    }
  }

  /**
   * Checks that {@code file} is a usable TorchScript model and reads its identity.
   *
   * @param file the {@code .pt} file
   * @param allowRandomWeights true only when the user asked for random weights by name (tests,
   *     benchmarks)
   * @return the file's hash and metadata
   * @throws ModelUnavailableException {@link Reason#MISSING} with the commands that make a model;
   *     {@link Reason#CORRUPT} when it is not a zip, not TorchScript, or its {@code neardup.json}
   *     is unreadable; {@link Reason#RANDOM_WEIGHTS_REFUSED} when it holds random weights and
   *     {@code allowRandomWeights} is false
   */
  public static ModelFile inspect(Path file, boolean allowRandomWeights) {
    Objects.requireNonNull(file, "file");
    if (!Files.exists(file)) {
      throw new ModelUnavailableException(Reason.MISSING, file, missingMessage(file));
    }
    if (!Files.isRegularFile(file)) {
      throw new ModelUnavailableException(
          Reason.MISSING, file, "Model path " + file + " is not a regular file. " + howToMake());
    }
    JsonNode meta = readMetadata(file);
    String weights = meta == null ? ModelInfo.UNKNOWN : text(file, meta, "weights");
    if (meta != null
        && !weights.equals(ModelInfo.PRETRAINED)
        && !weights.equals(ModelInfo.RANDOM)) {
      throw new ModelUnavailableException(
          Reason.CORRUPT,
          file,
          "Model file "
              + file
              + " has neardup.json with weights \""
              + weights
              + "\"; expected \"pretrained\" or \"random\". Re-export it with "
              + EXPORT_COMMAND);
    }
    String tag = meta == null ? ModelInfo.UNKNOWN : text(file, meta, "weights_tag");
    String architecture = meta == null ? ModelInfo.UNKNOWN : text(file, meta, "architecture");
    if (ModelInfo.RANDOM.equals(weights) && !allowRandomWeights) {
      throw new ModelUnavailableException(
          Reason.RANDOM_WEIGHTS_REFUSED,
          file,
          "Model file "
              + file
              + " holds RANDOM weights ("
              + tag
              + "): its embeddings mean nothing, so it is only used when asked for by name. For"
              + " tests or benchmarks pass "
              + ALLOW_RANDOM_FLAG
              + " (EmbedderOptions.withAllowRandomWeights(true)). For real use make the"
              + " pretrained model: "
              + EXPORT_COMMAND);
    }
    return new ModelFile(file, sha256(file), architecture, weights, tag, precision(file, meta));
  }

  /**
   * Checks that {@code file} holds the precision the user asked for, before anything heavy is done.
   *
   * @param wanted the precision asked for, or null to take whatever the file records
   * @return the file's recorded precision
   * @throws ModelUnavailableException {@link Reason#MISSING} or {@link Reason#CORRUPT} as {@link
   *     #inspect}; {@link Reason#WRONG_PRECISION} naming both precisions and the export command
   *     when they differ
   */
  public static Precision checkPrecision(Path file, Precision wanted) {
    Objects.requireNonNull(file, "file");
    if (!Files.isRegularFile(file)) {
      String message =
          wanted == null || wanted == Precision.FP32
              ? missingMessage(file)
              : "No model file at "
                  + file
                  + ". Make the "
                  + wanted.label()
                  + " model (see models/README.md) with:\n  "
                  + exportCommand(wanted)
                  + "\nFor tests, "
                  + TEST_MODEL_COMMAND
                  + " makes the random-weight fp32 and int8 models.";
      throw new ModelUnavailableException(Reason.MISSING, file, message);
    }
    Precision had = precision(file, readMetadata(file));
    if (wanted != null && had != wanted) {
      throw new ModelUnavailableException(
          Reason.WRONG_PRECISION,
          file,
          "--precision "
              + wanted.label()
              + " was asked for, but model file "
              + file
              + " is recorded as "
              + had.label()
              + ". Name the "
              + wanted.label()
              + " model with --model, or make it with: "
              + exportCommand(wanted));
    }
    return had;
  }

  /**
   * Where the pretrained model of {@code precision} is expected by default: {@link #DEFAULT_MODEL}
   * for fp32, {@code models/resnet50-int8.pt} and {@code models/resnet50-bf16.pt} otherwise.
   */
  public static Path defaultModel(Precision precision) {
    return Path.of(
        precision == Precision.FP32
            ? DEFAULT_MODEL
            : "models/resnet50-" + precision.label() + ".pt");
  }

  /** The command that makes the pretrained model of {@code precision} at its default path. */
  public static String exportCommand(Precision precision) {
    if (precision == Precision.FP32) {
      return EXPORT_COMMAND;
    }
    return "python3 models/export_resnet50.py --weights pretrained --precision "
        + precision.label()
        + (precision == Precision.INT8 ? " --calibration DIR_OF_YOUR_PHOTOS" : "")
        + " --out "
        + defaultModel(precision);
  }

  private static Precision precision(Path file, JsonNode meta) {
    JsonNode value = meta == null ? null : meta.get("precision");
    if (value == null) {
      return Precision.FP32;
    }
    try {
      return Precision.parse(value.asText());
    } catch (IllegalArgumentException e) {
      throw new ModelUnavailableException(
          Reason.CORRUPT,
          file,
          "Model file " + file + " has neardup.json with an unknown " + e.getMessage(),
          e);
    }
  }

  /** What to tell a user who has no model file at {@code file}. */
  static String missingMessage(Path file) {
    return "No model file at " + file + ". " + howToMake();
  }

  private static String howToMake() {
    return "Make the pretrained model on a machine with internet access (see models/README.md):\n  "
        + EXPORT_COMMAND
        + "\nand copy the .pt file here. For tests, make the random-weight model (offline) with:\n  "
        + TEST_MODEL_COMMAND;
  }

  /**
   * Opens the archive, checks its TorchScript layout and returns its {@code neardup.json}, or null
   * when it has none.
   */
  private static JsonNode readMetadata(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      boolean hasData = false;
      boolean hasCode = false;
      ZipEntry meta = null;
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        String name = entry.getName();
        int slash = name.indexOf('/');
        String inRoot = slash < 0 ? name : name.substring(slash + 1);
        hasData |= inRoot.equals("data.pkl");
        hasCode |= inRoot.startsWith("code/");
        if (name.endsWith(METADATA_SUFFIX) && inRoot.equals("extra/neardup.json")) {
          meta = entry;
        }
      }
      if (!hasData || !hasCode) {
        throw new ModelUnavailableException(
            Reason.CORRUPT,
            file,
            "Model file "
                + file
                + " is a zip archive but not a TorchScript model (no "
                + (hasData ? "code/ folder" : "data.pkl")
                + "); a state_dict saved with torch.save is not enough: export it with"
                + " torch.jit.trace as "
                + EXPORT_COMMAND
                + " does.");
      }
      if (meta == null) {
        return null;
      }
      try (InputStream in = zip.getInputStream(meta)) {
        JsonNode node = JSON.readTree(in);
        if (node == null || !node.isObject()) {
          throw new IOException("neardup.json is not a JSON object");
        }
        return node;
      }
    } catch (ZipException e) {
      throw new ModelUnavailableException(
          Reason.CORRUPT,
          file,
          "Model file "
              + file
              + " is not a TorchScript archive (not a zip file: "
              + e.getMessage()
              + "). Was it truncated or is it another format? Make it again with "
              + EXPORT_COMMAND,
          e);
    } catch (IOException e) {
      throw new ModelUnavailableException(
          Reason.CORRUPT, file, "Cannot read model file " + file + ": " + e.getMessage(), e);
    }
  }

  private static String text(Path file, JsonNode meta, String field) {
    JsonNode value = meta.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new ModelUnavailableException(
          Reason.CORRUPT,
          file,
          "Model file "
              + file
              + " has a neardup.json without a text field \""
              + field
              + "\"; got "
              + meta);
    }
    return value.asText();
  }

  /** SHA-256 of the file's bytes as lowercase hex. */
  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new ModelUnavailableException(
          Reason.CORRUPT, file, "Cannot read model file " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }
}
