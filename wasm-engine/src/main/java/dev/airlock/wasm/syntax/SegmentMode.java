package dev.airlock.wasm.syntax;

/** How an element or data segment is used (spec 2.5.7, 2.5.8). */
public enum SegmentMode {
    /** Copied into a table or memory during instantiation, then dropped. */
    ACTIVE,
    /** Kept for {@code table.init} / {@code memory.init} until dropped. */
    PASSIVE,
    /** Element segments only: declares function references, never used at run time. */
    DECLARATIVE
}
