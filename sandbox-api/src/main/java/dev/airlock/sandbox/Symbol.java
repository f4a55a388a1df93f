package dev.airlock.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name of the library function a method of a bound interface calls, when it differs from the
 * method's name (JNA's {@code FunctionMapper}, per method). The Wasm export name, or the native
 * symbol.
 *
 * <pre>{@code
 * public interface Zlib {
 *     @Symbol("zlibVersion")
 *     TaintedPointer<Byte> version();
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Symbol {
    /** The exported (Wasm) or dynamic (native) symbol name. */
    String value();
}
