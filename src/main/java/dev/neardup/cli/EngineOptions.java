package dev.neardup.cli;

import dev.neardup.config.CacheBudget;
import dev.neardup.config.Defaults;
import dev.neardup.embed.ModelFiles;
import dev.neardup.embed.Precision;
import dev.neardup.group.GroupingOptions;
import dev.neardup.group.KeeperPolicy;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexOptions;
import dev.neardup.pipeline.EngineConfig;
import dev.neardup.verify.VerifyMode;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options of every command that opens the index and the model. */
final class EngineOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--index",
      paramLabel = "DIR",
      description =
          "Lucene index folder (created if missing), or a SolrCloud collection as"
              + " solr://host:8983/solr/COLLECTION. Default: ${DEFAULT-VALUE}")
  Path index = Defaults.INDEX.asPath();

  @Option(
      names = "--solr-url",
      paramLabel = "URL",
      description =
          "Use the SolrCloud at URL (e.g. http://host:8983/solr) instead of the embedded index;"
              + " with --collection.")
  String solrUrl;

  @Option(
      names = "--collection",
      paramLabel = "NAME",
      description = "Solr collection for --solr-url. Default: ${DEFAULT-VALUE}")
  String collection = "images";

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description =
          "TorchScript ResNet50 (see models/README.md). When the file is missing the embedding"
              + " stage is off (every kept image is a candidate) unless you named it here."
              + " Default: ${DEFAULT-VALUE}")
  Path model = Defaults.MODEL.asPath();

  @Option(
      names = "--precision",
      paramLabel = "P",
      description =
          "fp32, int8 or bf16: the precision the model file must hold (see README 'Which"
              + " precision'). Without --model it picks models/resnet50-P.pt (fp32:"
              + " models/resnet50.pt). Default: what the model file records. Recorded in the"
              + " index: a change needs --rebuild.")
  String precision;

  @Option(
      names = ModelFiles.ALLOW_RANDOM_FLAG,
      description =
          "Accept a model exported with random weights (tests and benchmarks only; its"
              + " similarities mean nothing).")
  boolean allowRandomWeights;

  @Option(
      names = "--rebuild",
      description = "Drop every indexed image first (e.g. after switching models).")
  boolean rebuild;

  @Option(
      names = "--threshold",
      paramLabel = "COS",
      description = "Minimum cosine similarity of a candidate pair. Default: ${DEFAULT-VALUE}")
  double threshold = Defaults.THRESHOLD.asDouble();

  @Option(
      names = "--verify",
      paramLabel = "MODE",
      description =
          "aligned: the pixel-diff check as the images are, and when it fails, after"
              + " registering the pair with local features (mirrored, rotated, cropped, resized"
              + " copies); pixel: the classic check only; scene: aligned, then enough homography"
              + " inliers alone (the same object from another angle); none: trust the candidates."
              + " Default: ${DEFAULT-VALUE}")
  String verify = Defaults.VERIFY.text();

  @Option(
      names = "--keep",
      paramLabel = "POLICY",
      description =
          "Which image of a group is kept: pixels (most pixels, then largest file, then oldest,"
              + " then path), oldest, newest, path. Camera frames keep the earliest frame."
              + " Default: ${DEFAULT-VALUE}")
  String keep = Defaults.KEEP.text();

  @Option(
      names = "--same-camera",
      description = "Compare camera frames (c10-<millis>.png, ...) only within one camera.")
  boolean sameCamera = Defaults.SAME_CAMERA.asBoolean();

  @Option(
      names = "--search-width",
      paramLabel = "K",
      description = "Neighbours fetched per HNSW search. Default: ${DEFAULT-VALUE}")
  int searchWidth = Defaults.SEARCH_WIDTH.asInt();

  @Option(
      names = "--max-hamming",
      paramLabel = "BITS",
      description =
          "Without a model: maximum pHash distance of a candidate pair. Default: ${DEFAULT-VALUE}")
  int maxHamming = Defaults.MAX_HAMMING.asInt();

  @Option(
      names = "--max-checks",
      paramLabel = "N",
      description =
          "Speed cap, off by default: at most N pixel checks per image (0: no cap). When it is"
              + " hit the answer may differ from the exact one; the summary says how often."
              + " Default: ${DEFAULT-VALUE}")
  int maxChecks = Defaults.MAX_CHECKS.asInt();

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      description =
          "Compare a camera frame only with kept frames of its own camera from this long before"
              + " it (e.g. 1h, 90s, 2d; 0: no window, the exact default). Months of frames then"
              + " cost linear time; the summary says how often the window left a frame out."
              + " Default: ${DEFAULT-VALUE}")
  String window = Defaults.WINDOW.text();

  @Option(
      names = "--max-pixels",
      paramLabel = "N",
      description =
          "Refuse images with more pixels than this (read from the header, before decoding)."
              + " Default: ${DEFAULT-VALUE}")
  long maxPixels = Defaults.MAX_PIXELS.asLong();

  @Option(
      names = "--thumbnail-size",
      paramLabel = "PX",
      description =
          "Longer side of the grayscale thumbnails stored for verification."
              + " Default: ${DEFAULT-VALUE}")
  int thumbnailSize = Defaults.THUMBNAIL_SIZE.asInt();

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Images per model call. Default: ${DEFAULT-VALUE}")
  int batchSize = Defaults.BATCH_SIZE.asInt();

  @Option(
      names = "--decode-threads",
      paramLabel = "N",
      description = "Threads decoding images while the model runs. Default: ${DEFAULT-VALUE}")
  int decodeThreads = Defaults.DECODE_THREADS.asInt();

  @Option(
      names = "--input-size",
      paramLabel = "PX",
      description =
          "Side of the square model input. 224 as trained; 160 is about twice as fast at a"
              + " quality cost (measure it with 'neardup calibrate'). Recorded in the index: a"
              + " change needs --rebuild. Default: ${DEFAULT-VALUE}")
  int inputSize = Defaults.INPUT_SIZE.asInt();

  @Option(
      names = "--hnsw-m",
      paramLabel = "M",
      description = "HNSW graph degree. Default: ${DEFAULT-VALUE}")
  int hnswM = Defaults.HNSW_M.asInt();

  @Option(
      names = "--hnsw-beam",
      paramLabel = "N",
      description = "HNSW construction beam width. Default: ${DEFAULT-VALUE}")
  int hnswBeam = Defaults.HNSW_BEAM.asInt();

  @Option(
      names = "--quantized",
      description = "Store int8 scalar-quantised vectors in the HNSW graph (raw floats kept too).")
  boolean quantized = Defaults.QUANTIZED.asBoolean();

  @Option(
      names = "--store-pixels",
      description =
          "Store each image's grayscale verification image in the index, so that the pixel"
              + " check never reads the originals (for originals on slow or removable storage)."
              + " Costs about 77 KB per 320x240 frame and 300 KB per 640x480 photo; without it"
              + " the index holds only signatures (a few KB per image) and the check reads each"
              + " file, refusing one that changed since it was indexed.")
  boolean storePixels = Defaults.STORE_PIXELS.asBoolean();

  @Option(
      names = "--cache-mb",
      paramLabel = "MIB",
      description =
          "Memory for cached prepared images and fetched documents. Peak memory is about this"
              + " plus the kept images' signatures; a smaller budget only recomputes more, it"
              + " never changes an answer. Default: ${DEFAULT-VALUE}")
  int cacheMb = Defaults.CACHE_MB.asInt();

  @Option(
      names = "--claim-lease",
      paramLabel = "DURATION",
      description =
          "In an index shared by several machines (a Solr collection): a claim on an upload's"
              + " bytes older than this whose image never appeared (its machine crashed) is taken"
              + " over by the next upload or watched file of those bytes (e.g. 60s, 2m)."
              + " Default: ${DEFAULT-VALUE}")
  String claimLease = Defaults.CLAIM_LEASE.text();

  @Mixin PixelDiffOptions pixelDiff;

  EngineConfig config() {
    boolean modelNamed = spec.commandLine().getParseResult().hasMatchedOption("--model");
    Path model = this.model;
    if (precision != null) {
      // Asking for a precision asks for a model: a missing file is an error, never a fallback.
      Precision p = Cli.parseEnum(Precision.class, "--precision", precision);
      if (!modelNamed) {
        model = ModelFiles.defaultModel(p);
        modelNamed = true;
      }
      ModelFiles.checkPrecision(model, p);
    }
    GroupingOptions grouping =
        GroupingOptions.defaults().toBuilder()
            .threshold(threshold)
            .searchWidth(searchWidth)
            .maxHamming(maxHamming)
            .verify(Cli.parseEnum(VerifyMode.class, "--verify", verify))
            .sameCamera(sameCamera)
            .keeper(Cli.parseEnum(KeeperPolicy.class, "--keep", keep))
            .maxChecks(maxChecks)
            .windowMillis(Cli.parseDuration("--window", window))
            .build();
    IndexLocation where =
        solrUrl == null
            ? IndexLocation.parse(index.toString())
            : IndexLocation.solr(solrUrl, collection);
    EngineConfig defaults = EngineConfig.defaults();
    return defaults.toBuilder()
        .index(where)
        .model(model)
        .modelRequired(modelNamed)
        .allowRandomWeights(allowRandomWeights)
        .rebuild(rebuild)
        .indexOptions(
            new IndexOptions(
                hnswM,
                hnswBeam,
                quantized,
                defaults.indexOptions().ramBufferMb(),
                defaults.indexOptions().cache(),
                storePixels))
        .grouping(grouping)
        .pixelDiff(pixelDiff.params())
        .maxPixels(maxPixels)
        .thumbnailMaxSide(thumbnailSize)
        .batchSize(batchSize)
        .decodeThreads(decodeThreads)
        .inputSize(inputSize)
        .cacheBytes(CacheBudget.ofMib(cacheMb).bytes())
        .claimLease(java.time.Duration.ofMillis(Cli.parseDuration("--claim-lease", claimLease)))
        .build();
  }
}
