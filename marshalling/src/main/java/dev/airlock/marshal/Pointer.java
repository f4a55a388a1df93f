package dev.airlock.marshal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code long} record component as a C pointer holding a raw sandbox address: 4 bytes on
 * wasm32 (zero-extended when read), 8 on LP64. Prefer a {@code TaintedPointer<T>} component, which
 * keeps the pointer typed and tied to its sandbox; a raw address is for host-built structs whose
 * pointers the host computed itself.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Pointer {}
