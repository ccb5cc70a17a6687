/**
 * Stage 6, acting on files: move (or, when confirmed, delete) duplicates with a manifest that is
 * forced to disk before each operation, and undo from that manifest. Nothing here decides what is a
 * duplicate.
 */
package dev.neardup.act;
