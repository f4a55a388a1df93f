package dev.airlock.marshal;

/**
 * Where one field of a struct lies in one ABI, as the C compiler would place it.
 *
 * @param name the record component's name
 * @param offset {@code offsetof(struct, name)}
 * @param size {@code sizeof} the field (for an array, of the whole array)
 * @param alignment {@code _Alignof} the field
 * @param declaration the field as C declares it, e.g. {@code "uint8_t pixels[16]"}
 */
public record StructField(String name, long offset, long size, long alignment, String declaration) {}
