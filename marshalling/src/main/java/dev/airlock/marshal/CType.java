package dev.airlock.marshal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the C type of a record component where the Java type does not say it: {@code @CType(UINT8)
 * int}, {@code @CType(LONG) long}, {@code @CType(SIZE_T) long}. On an array component it names the
 * element type. Without it, {@code byte}, {@code short}, {@code char}, {@code int}, {@code long},
 * {@code float}, {@code double} and {@code boolean} are {@code int8_t}, {@code int16_t},
 * {@code uint16_t}, {@code int32_t}, {@code int64_t}, {@code float}, {@code double} and
 * {@code _Bool}.
 *
 * <p>The Java type must hold every value of the C type in every ABI (so {@code @CType(LONG)}
 * needs a Java {@code long}); an unsigned C type may also use the Java type of the same width, which
 * then holds its bits ({@code @CType(UINT32) int}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface CType {
    /**
     * The C type.
     *
     * @return the C type of the component (or of its elements)
     */
    CScalar value();
}
