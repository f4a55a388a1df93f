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
 * <p>Functions are grouped into classes in index order, a few tens of thousands of Wasm
 * instructions per class, to stay within the class file's 65535-entry constant pool; if a class
 * still overflows, the module is compiled again with smaller groups. Calls within a class are
 * {@code invokestatic}; calls across classes are {@code invokedynamic} (see {@code CodeLoader}).
 */
public final class ModuleCompiler {
    /** Wasm instructions per class before a new class is started. */
    private static final int INSTRUCTIONS_PER_CLASS = 40_000;
    /** Functions per class before a new class is started. */
    private static final int FUNCTIONS_PER_CLASS = 2_000;
    /** Numbers compiled modules, for readable class names. */
    private static final AtomicLong MODULES = new AtomicLong();

    private ModuleCompiler() {
    }

    /** Statistics of one compilation, for tests and tools. */
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
        List<GeneratedClass> classes = new ArrayList<>();
        String[] methodNames = new String[defined];
        int methods = 0;
        int largest = 0;
        int split = 0;
        int f = 0;
        for (int c = 0; c < classCount; c++) {
            String className = prefix + c;
            ClassWriter cw = new GeneratedClassWriter();
            cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, className, null,
                    "java/lang/Object", null);
            cw.visitSource(module.moduleName != null ? module.moduleName + ".wasm" : "module.wasm", null);
            for (; f < defined && classOf[f] == c; f++) {
                int index = imported + f;
                FunctionContext fn = new FunctionContext(module, targets, index, className, c);
                FunctionCompiler.Result r = FunctionCompiler.compile(fn, cw, options.methodBudget());
                methodNames[f] = FunctionCompiler.entryMethodName(fn);
                methods += r.methods();
                largest = Math.max(largest, r.largestMethod());
                if (r.methods() > 1) {
                    split++;
                }
            }
            cw.visitEnd();
            classes.add(new GeneratedClass(className, cw.toByteArray()));
        }
        GeneratedCode code = new GeneratedCode(List.copyOf(classes), classOf, methodNames);
        return new Output(code, new Statistics(classes.size(), methods, largest, split));
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
     * A ClassWriter that computes stack map frames without loading classes: generated code only
     * ever merges unrelated reference types into {@code Object}.
     */
    private static final class GeneratedClassWriter extends ClassWriter {
        GeneratedClassWriter() {
            super(ClassWriter.COMPUTE_FRAMES);
        }

        @Override
        protected String getCommonSuperClass(String type1, String type2) {
            return type1.equals(type2) ? type1 : "java/lang/Object";
        }
    }
}
