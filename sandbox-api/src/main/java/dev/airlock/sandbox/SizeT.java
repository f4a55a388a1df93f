package dev.airlock.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code long} parameter, or a {@code TaintedLong} result or callback parameter, as a C
 * {@code size_t} (or {@code uintptr_t}): an unsigned integer as wide as a pointer — 32 bits in
 * wasm32, 64 bits natively. A Java {@code long} alone would mean {@code int64_t} on both.
 *
 * <p>Arguments are checked to fit: negative values, and on wasm32 values above
 * {@code 0xFFFF_FFFF}, are refused with {@link IllegalArgumentException} before the call.
 * Results are zero-extended to {@code long}.
 *
 * <p>On a method it applies to the result; on a parameter, to that parameter.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.PARAMETER})
public @interface SizeT {
}
