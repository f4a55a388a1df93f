package dev.airlock.marshal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a fixed-size C array field, {@code T name[length]}, on a Java array component:
 * {@code @CArray(length = 16) byte[] name} is {@code char name[16]}; an array of records is an
 * array of structs. Reading yields a Java array of exactly {@code length} elements; writing
 * requires one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface CArray {
    /**
     * The number of elements, at least 1.
     *
     * @return the C array length
     */
    int length();
}
