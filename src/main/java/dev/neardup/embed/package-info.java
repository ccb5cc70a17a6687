/**
 * Embedding stage: turns decoded BGR images into L2-normalised feature vectors.
 *
 * <p>The pipeline is {@link dev.neardup.embed.Preprocess} (torchvision's ImageNet eval transform,
 * done with OpenCV) followed by a TorchScript ResNet50 whose classifier was removed ({@link
 * dev.neardup.embed.TorchScriptEmbedder}). Everything downstream depends only on the small {@link
 * dev.neardup.embed.Embedder} interface, so tests about grouping or HTTP can use a fake one. The
 * interface has one path: {@code prepare} (on the decode threads) then {@code embedPrepared} (the
 * forward pass on a batch); fp32, int8 and bf16 model files ({@link dev.neardup.embed.Precision})
 * plug in the same way, since all take and return float32.
 *
 * <p>{@link dev.neardup.embed.ModelFiles} inspects a model file before it is loaded: its SHA-256
 * and the {@code neardup.json} metadata that {@code models/export_resnet50.py} writes into the
 * archive become a {@link dev.neardup.embed.ModelInfo}, whose {@link
 * dev.neardup.embed.ModelInfo#id()} (precision included) is stored in the index and printed in
 * every report. Random-weight models (made for tests) are refused unless asked for by name. {@link
 * dev.neardup.embed.RawForward} measures the bare model forward so that end-to-end throughput can
 * be reported as a ratio of it.
 */
package dev.neardup.embed;
