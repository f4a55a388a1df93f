package dev.airlock.wasm.syntax;

/**
 * A custom section (spec 5.5.3), kept as bytes.
 *
 * @param name the section name
 * @param contents the bytes after the name (not copied; never modify)
 */
public record CustomSection(String name, byte[] contents) {
}
