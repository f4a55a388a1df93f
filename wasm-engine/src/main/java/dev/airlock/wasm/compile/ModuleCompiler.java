package dev.airlock.wasm.compile;

import dev.airlock.wasm.CompilationException;
import dev.airlock.wasm.runtime.GeneratedCode;
import dev.airlock.wasm.runtime.GeneratedCode.GeneratedClass;
import dev.airlock.wasm.syntax.ModuleDefinition;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * Compiles the functions of a validated module to JVM classes (JVMS chapter 4): each defined
 * Wasm function becomes a public static method {@code f<index>} taking its parameters, then the
 * {@code Instance}, then the remaining call-depth budget (see {@code FunctionInstance}).
 *
 * <p>Functions are grouped into classes in index order, about ten thousand Wasm instructions per
 * class: small enough to stay within the class file's 65535-entry constant pool (if a class still
 * overflows, the module is compiled again with smaller groups) and to compile the classes in
 * parallel. Calls within a class are
 * {@code invokestatic}; calls across classes are {@code invokedynamic} (see {@code CodeLoader}).
 */
public final class ModuleCompiler {
    /** Wasm instructions per class before a new class is started. */
    private static final int INSTRUCTIONS_PER_CLASS = 10_000;
    /** Functions per class before a new class is started. */
    private static final int FUNCTIONS_PER_CLASS = 2_000;
    /** Numbers compiled modules, for readable class names. */
    private static final AtomicLong MODULES = new AtomicLong();

    private ModuleCompiler() {
    }

    /**
     * Statistics of one compilation, for tests and tools. {@code largestMethod} is in bytes of
     * bytecode: exact for an unsplit function, an upper bound for the methods of a split one (see
     * {@code CodeSizeCounter}).
     */
    public record Statistics(int classes, int methods, int largestMethod, int splitFunctions) {
    }

    /** The generated classes of {@code module}, plus statistics. */
    public record Output(GeneratedCode code, Statistics statistics) {
    }

    /**
     * Compiles {@code module}, which must be valid.
     *
     * @throws CompilationException if a function exceeds a JVM or engine limit
     */
    public static Output compile(ModuleDefinition module, CompilerOptions options) {
        String prefix = "dev/airlock/wasm/runtime/Wasm$" + MODULES.incrementAndGet() + "$";
        int instructionsPerClass = INSTRUCTIONS_PER_CLASS;
        int functionsPerClass = FUNCTIONS_PER_CLASS;
        while (true) {
            try {
                Output output = compile(module, options, prefix, instructionsPerClass, functionsPerClass);
                dump(output.code(), options.dumpDirectory());
                return output;
            } catch (ClassTooLargeException e) {
                if (functionsPerClass == 1) {
                    throw new CompilationException("implementation limit: a single function's class is too large", e);
                }
                instructionsPerClass = Math.max(1, instructionsPerClass / 2);
                functionsPerClass = Math.max(1, functionsPerClass / 2);
            } catch (MethodTooLargeException e) {
                throw new CompilationException("implementation limit: generated method " + e.getMethodName()
                        + " exceeds the class file's limits", e);
            }
        }
    }

    private static Output compile(ModuleDefinition module, CompilerOptions options, String prefix,
                                  int instructionsPerClass, int functionsPerClass) {
        int imported = module.importedFunctionCount();
        int defined = module.code.size();
        int[] classOf = new int[defined];
        int classCount = 0;
        int instructions = 0;
        int functions = 0;
        for (int f = 0; f < defined; f++) {
            int size = module.code.get(f).code().length;
            if (functions > 0 && (instructions + size > instructionsPerClass || functions >= functionsPerClass)) {
                classCount++;
                instructions = 0;
                functions = 0;
            }
            classOf[f] = classCount;
            instructions += size;
            functions++;
        }
        classCount = defined == 0 ? 0 : classCount + 1;
        CallTargets targets = new CallTargets(imported, classOf);
        int[] firstFunction = new int[classCount + 1];
        for (int f = defined - 1; f >= 0; f--) {
            firstFunction[classOf[f]] = f;
        }
        firstFunction[classCount] = defined;
        // Classes are independent: compile them in parallel (this matters for a cold JVM).
        ClassResult[] results = IntStream.range(0, classCount).parallel()
                .mapToObj(c -> compileClass(module, options, targets, prefix + c, c, firstFunction[c], firstFunction[c + 1]))
                .toArray(ClassResult[]::new);
        List<GeneratedClass> classes = new ArrayList<>();
        String[] methodNames = new String[defined];
        int methods = 0;
        int largest = 0;
        int split = 0;
        for (ClassResult r : results) {
            classes.add(r.generated);
            System.arraycopy(r.methodNames, 0, methodNames, r.firstFunction, r.methodNames.length);
            methods += r.methods;
            largest = Math.max(largest, r.largest);
            split += r.split;
        }
        GeneratedCode code = new GeneratedCode(List.copyOf(classes), classOf, methodNames);
        return new Output(code, new Statistics(classes.size(), methods, largest, split));
    }

    /** One compiled class and what went into it. */
    private static final class ClassResult {
        GeneratedClass generated;
        int firstFunction;
        String[] methodNames;
        int methods;
        int largest;
        int split;
    }

    /** Compiles defined functions {@code [from, to)} into class number {@code c}. */
    private static ClassResult compileClass(ModuleDefinition module, CompilerOptions options, CallTargets targets,
                                            String className, int c, int from, int to) {
        ClassWriter cw = new GeneratedClassWriter();
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, className, null,
                "java/lang/Object", null);
        cw.visitSource(module.moduleName != null ? module.moduleName + ".wasm" : "module.wasm", null);
        ClassResult result = new ClassResult();
        result.firstFunction = from;
        result.methodNames = new String[to - from];
        for (int f = from; f < to; f++) {
            FunctionContext fn = new FunctionContext(module, targets, targets.importedCount + f, className, c);
            FunctionCompiler.Result r = FunctionCompiler.compile(fn, cw, options.methodBudget());
            result.methodNames[f - from] = FunctionCompiler.entryMethodName(fn);
            result.methods += r.methods();
            result.largest = Math.max(result.largest, r.largestMethod());
            if (r.methods() > 1) {
                result.split++;
            }
        }
        cw.visitEnd();
        result.generated = new GeneratedClass(className, cw.toByteArray());
        return result;
    }

    /** Writes an ASM Textifier listing of each class to {@code directory}, if not null. */
    private static void dump(GeneratedCode code, Path directory) {
        if (directory == null) {
            return;
        }
        try {
            Files.createDirectories(directory);
            for (GeneratedClass c : code.classes()) {
                String simple = c.internalName().substring(c.internalName().lastIndexOf('/') + 1);
                Path file = directory.resolve(simple + ".txt");
                try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
                    new ClassReader(c.bytes()).accept(new TraceClassVisitor(out), 0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bytecode dump to " + directory, e);
        }
    }

    /**
     * The ClassWriter of generated classes: it computes the maximum stack and locals; the stack map
     * frames are written by the translator itself (see FrameWriter).
     */
    private static final class GeneratedClassWriter extends ClassWriter {
        GeneratedClassWriter() {
            super(ClassWriter.COMPUTE_MAXS);
        }
    }
}
