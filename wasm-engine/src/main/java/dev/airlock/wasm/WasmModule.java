package dev.airlock.wasm;

import dev.airlock.wasm.binary.ModuleDecoder;
import dev.airlock.wasm.compile.CompilerOptions;
import dev.airlock.wasm.compile.ModuleCompiler;
import dev.airlock.wasm.runtime.CodeLoader;
import dev.airlock.wasm.runtime.Imports;
import dev.airlock.wasm.runtime.Instance;
import dev.airlock.wasm.runtime.InstanceConfig;
import dev.airlock.wasm.runtime.Instantiator;
import dev.airlock.wasm.syntax.Export;
import dev.airlock.wasm.syntax.Import;
import dev.airlock.wasm.syntax.ModuleDefinition;
import dev.airlock.wasm.valid.ModuleValidator;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled WebAssembly module: the entry point of the engine.
 *
 * <pre>{@code
 * WasmModule module = WasmModule.compile(Files.readAllBytes(path));
 * Instance instance = module.instantiate(new Imports());
 * Object[] results = instance.function("add").call(1, 2);
 * }</pre>
 *
 * <p>{@link #compile} runs the whole pipeline once: decoding (spec chapter 5), validation
 * (chapter 3), translation of every function to JVM bytecode, and loading of the generated classes
 * as hidden classes. A compiled module is immutable and thread-safe; {@link #instantiate} is cheap
 * and may be called any number of times, from any thread. The generated classes are unloaded once
 * the module and all its instances are unreachable.
 */
public final class WasmModule {
    /** The decoded module. */
    private final ModuleDefinition definition;
    /** For each defined function, the static method implementing it. */
    private final MethodHandle[] code;
    /** What compilation produced. */
    private final ModuleCompiler.Statistics statistics;

    private WasmModule(ModuleDefinition definition, MethodHandle[] code, ModuleCompiler.Statistics statistics) {
        this.definition = definition;
        this.code = code;
        this.statistics = statistics;
    }

    /**
     * Decodes, validates and compiles a binary module with default options.
     *
     * @throws MalformedModuleException if the bytes are not a well-formed module (or use SIMD)
     * @throws InvalidModuleException if the module is not valid
     * @throws CompilationException if the module exceeds an implementation limit
     */
    public static WasmModule compile(byte[] bytes) {
        return compile(bytes, CompilerOptions.defaults());
    }

    /** Like {@link #compile(byte[])}, with compiler options. */
    public static WasmModule compile(byte[] bytes, CompilerOptions options) {
        ModuleDefinition definition = ModuleDecoder.decode(bytes);
        ModuleValidator.validate(definition);
        ModuleCompiler.Output output = ModuleCompiler.compile(definition, options);
        List<FuncType> types = new ArrayList<>();
        for (int i = definition.importedFunctionCount(); i < definition.functionCount(); i++) {
            types.add(definition.functionType(i));
        }
        MethodHandle[] code = CodeLoader.load(output.code(), types);
        return new WasmModule(definition, code, output.statistics());
    }

    /** Reads and compiles the module in {@code file}. */
    public static WasmModule compile(Path file) throws IOException {
        return compile(Files.readAllBytes(file));
    }

    /**
     * Instantiates the module with default limits.
     *
     * @throws LinkException if an import is missing or of the wrong type
     * @throws Trap if a segment does not fit or the start function traps
     */
    public Instance instantiate(Imports imports) {
        return instantiate(imports, InstanceConfig.DEFAULT);
    }

    /** Instantiates a module that has no imports. */
    public Instance instantiate() {
        return instantiate(new Imports());
    }

    /** Instantiates the module with the given limits. */
    public Instance instantiate(Imports imports, InstanceConfig config) {
        return Instantiator.instantiate(definition, code, imports, config);
    }

    /** What the module imports, in order. */
    public List<Import> imports() {
        return definition.imports;
    }

    /** What the module exports, in order. */
    public List<Export> exports() {
        return definition.exports;
    }

    /** The decoded module (types, sections, code). */
    public ModuleDefinition definition() {
        return definition;
    }

    /** Compilation statistics: classes, methods, the largest method's size, split functions. */
    public ModuleCompiler.Statistics statistics() {
        return statistics;
    }
}
