/**
 * Reviewing groups before anything moves: {@link dev.neardup.review.ReviewService} lists the groups
 * of the indexed images (paged, sorted), lets a person change which image is kept or mark images
 * "not a duplicate" (recorded in the index as {@link dev.neardup.index.Decisions}, so later runs
 * honour them), and applies the moves with the same manifest and undo as {@code neardup dedup}. The
 * HTTP routes over it are {@code dev.neardup.http.ReviewRoutes}; the page is {@code web/}.
 */
package dev.neardup.review;
