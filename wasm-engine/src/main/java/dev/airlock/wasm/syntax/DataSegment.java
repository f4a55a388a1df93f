package dev.airlock.wasm.syntax;

/**
 * A data segment (spec 2.5.8).
 *
 * @param mode active or passive
 * @param memoryIndex for an active segment, the memory it initialises; 0 otherwise
 * @param offset for an active segment, the offset expression; null otherwise
 * @param bytes the bytes (not copied; never modify)
 */
public record DataSegment(SegmentMode mode, int memoryIndex, ConstantExpression offset, byte[] bytes) {
}
