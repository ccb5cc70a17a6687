/**
 * Measuring neardup's quality: against ground truth, and without it on seeded edits.
 *
 * <p>{@link dev.neardup.eval.GroundTruth} reads {@code file,group} CSV or JSON lists of groups;
 * {@link dev.neardup.eval.Evaluator} groups one indexed set again and again (index once, regroup
 * many times) and {@link dev.neardup.eval.Scoring} turns each grouping into pairwise
 * precision/recall/F1 and group-level counts; {@link dev.neardup.eval.Sweep} picks the setting that
 * reaches a target precision with the highest recall. {@link dev.neardup.eval.Calibrator} does the
 * same without ground truth, on seeded {@link dev.neardup.eval.EditKind edits} of a sample of the
 * user's images. Each figure names its candidate {@link dev.neardup.group.CandidateSource}
 * (embedding, pHash, or the pixel-diff check alone) and the model that made it. Speed is {@code
 * dev.neardup.bench}'s job.
 */
package dev.neardup.eval;
