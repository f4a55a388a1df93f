package dev.airlock.sandbox;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * Defines the classes this package generates (bindings, callback adapters) as hidden classes in
 * this package, with their constants as class data, and dumps them when asked.
 *
 * <p>Hidden classes (JEP 371) because they are unloaded with the last reference to them (a
 * sandbox's bindings go away with the sandbox) and need no class loader of ours. In this package,
 * so that they can use its package-private runtime ({@link CallGate}, {@link Args},
 * {@link Results}); the bound interfaces must therefore be public.
 *
 * <p>Constants — method handles, the gate, pointee descriptions — reach generated code as class
 * data, loaded with {@code ldc} of a dynamic constant bootstrapped by
 * {@link MethodHandles#classDataAt}: a true constant to the JIT, so an {@code invokeExact} of a
 * handle from class data is inlined like a direct call.
 *
 * <p>Inspection: with {@code -Dairlock.dump=DIR} (the property the engine uses for its own
 * classes) each generated class is written to {@code DIR} as {@code NAME.class} and as an ASM
 * Textifier listing {@code NAME.txt}.
 */
final class ClassDefiner {
    /** The system property naming the dump directory (shared with the engine's compiler). */
    static final String DUMP_PROPERTY = "airlock.dump";

    /** The bootstrap of class data constants: {@code MethodHandles.classDataAt(Lookup, String, Class, int)}. */
    private static final Handle CLASS_DATA_AT = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/MethodHandles",
            "classDataAt", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;",
            false);
    /** Numbers the generated classes, so that dumps of several sandboxes do not overwrite each other. */
    private static final AtomicLong SERIAL = new AtomicLong();

    private ClassDefiner() {
    }

    /** An internal name for a new class in this package: {@code dev/airlock/sandbox/PREFIX$HINT$N}. */
    static String newClassName(String prefix, Class<?> hint) {
        return "dev/airlock/sandbox/" + prefix + "$" + hint.getSimpleName() + "$" + SERIAL.incrementAndGet();
    }

    /** A dynamic constant: element {@code index} of the class data, of type {@code descriptor}. */
    static ConstantDynamic classData(int index, String descriptor) {
        return new ConstantDynamic("_", descriptor, CLASS_DATA_AT, index);
    }

    /** A ClassWriter that computes frames without loading classes (every merge in our code is trivial). */
    static ClassWriter newClassWriter() {
        return new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return a.equals(b) ? a : "java/lang/Object";
            }
        };
    }

    /** Defines {@code bytes} as a hidden class of this package with {@code data} as class data. */
    static MethodHandles.Lookup define(String internalName, byte[] bytes, List<Object> data) {
        dump(internalName, bytes);
        try {
            return MethodHandles.lookup().defineHiddenClassWithClassData(bytes, List.copyOf(data), true);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot define the generated class " + internalName, e);
        }
    }

    private static void dump(String internalName, byte[] bytes) {
        String dir = System.getProperty(DUMP_PROPERTY);
        if (dir == null || dir.isEmpty()) {
            return;
        }
        Path directory = Paths.get(dir);
        String simple = internalName.substring(internalName.lastIndexOf('/') + 1);
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(simple + ".class"), bytes);
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(directory.resolve(simple + ".txt"),
                    StandardCharsets.UTF_8))) {
                new ClassReader(bytes).accept(new TraceClassVisitor(out), 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dump of " + internalName + " to " + directory, e);
        }
    }
}
