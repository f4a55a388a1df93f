package dev.airlock.wasm.runtime;

import java.util.List;

/**
 * The output of the compiler for one module, before it is loaded: class files, and where each
 * defined function's method is. Every method named here is static, has the JVM type
 * {@link FunctionInstance#jvmType} gives for the function's Wasm type, and lives in the class
 * at {@code functionClass[i]}.
 *
 * @param classes the class files; their internal names are in the runtime package
 * @param functionClass for each defined function, the index in {@code classes} of its class
 * @param functionMethod for each defined function, its method name
 */
public record GeneratedCode(List<GeneratedClass> classes, int[] functionClass, String[] functionMethod) {

    /**
     * One class file.
     *
     * @param internalName the JVM internal name, e.g. {@code dev/airlock/wasm/runtime/Wasm$0}
     * @param bytes the class file
     */
    public record GeneratedClass(String internalName, byte[] bytes) {
    }
}
