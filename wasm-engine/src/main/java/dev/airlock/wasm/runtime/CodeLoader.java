package dev.airlock.wasm.runtime;

import dev.airlock.wasm.FuncType;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Loads generated classes as hidden classes (JVMS 5.3.5 with JEP 371) in this package, so that
 * generated code may use the package-private fields of {@link Instance}, {@link Memory},
 * {@link Table}, {@link Global} and {@link FunctionInstance}, and so that the classes are unloaded
 * together with the module that owns them.
 *
 * <p>A hidden class cannot be named by another class, so a call from one generated class to a
 * function in another goes through {@code invokedynamic} bootstrapped by
 * {@link #linkFunction}: the call site is constant, and the JIT inlines through it exactly as it
 * would through {@code invokestatic}. Calls within a class use {@code invokestatic}.
 */
public final class CodeLoader {
    /** Name of the bootstrap method, for the compiler's {@code Handle}. */
    public static final String BOOTSTRAP_NAME = "linkFunction";
    /** Descriptor of the bootstrap method. */
    public static final String BOOTSTRAP_DESCRIPTOR =
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)Ljava/lang/invoke/CallSite;";
    /** Name of the bootstrap of interruption checks. */
    public static final String INTERRUPT_CHECK_BOOTSTRAP = "linkInterruptCheck";
    /** Descriptor of the bootstrap of interruption checks. */
    public static final String INTERRUPT_CHECK_BOOTSTRAP_DESCRIPTOR =
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;";

    /**
     * Classes generated code and its traps use, initialised before any generated code runs. A class
     * first initialised deep in a recursion could fail with StackOverflowError inside its static
     * initialiser, which would leave it unusable for the rest of the JVM's life; loading them up
     * front takes that chance away.
     */
    private static final String[] RUNTIME_CLASSES = {
        "dev.airlock.wasm.Trap", "dev.airlock.wasm.TrapKind", "dev.airlock.wasm.runtime.Traps",
        "dev.airlock.wasm.runtime.IntegerOps", "dev.airlock.wasm.runtime.FloatOps",
        "dev.airlock.wasm.runtime.Conversions", "dev.airlock.wasm.runtime.MemoryOps",
        "dev.airlock.wasm.runtime.TableOps", "dev.airlock.wasm.runtime.LittleEndian",
        "dev.airlock.wasm.runtime.FunctionInstance", "dev.airlock.wasm.runtime.HostFunction",
        "dev.airlock.wasm.runtime.Values", "dev.airlock.wasm.runtime.Interruption",
        "dev.airlock.wasm.runtime.InterruptSwitch",
    };

    static {
        ClassLoader loader = CodeLoader.class.getClassLoader();
        for (String name : RUNTIME_CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
        new dev.airlock.wasm.Trap(dev.airlock.wasm.TrapKind.UNREACHABLE); // and the exception machinery
    }

    private CodeLoader() {
    }

    /**
     * The class data shared by all classes of one module: the classes themselves, so that the
     * bootstrap can find a callee's class by index.
     */
    static final class ModuleClasses {
        /** The module's classes, indexed as in {@link GeneratedCode#classes()}. */
        final Class<?>[] classes;

        ModuleClasses(int count) {
            this.classes = new Class<?>[count];
        }
    }

    /**
     * Defines the classes of {@code code} and returns a handle to each defined function.
     *
     * @param types for each defined function, its type (gives the method's JVM type)
     */
    public static MethodHandle[] load(GeneratedCode code, List<FuncType> types) {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        ModuleClasses data = new ModuleClasses(code.classes().size());
        MethodHandles.Lookup[] lookups = new MethodHandles.Lookup[data.classes.length];
        try {
            // Defining a class verifies it, which takes a while for large ones; the classes are
            // independent until their first cross-class call, so define them in parallel.
            IntStream.range(0, data.classes.length).parallel().forEach(i -> {
                try {
                    lookups[i] = lookup.defineHiddenClassWithClassData(code.classes().get(i).bytes(), data, false);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot define generated class " + i, e);
                }
                data.classes[i] = lookups[i].lookupClass();
            });
            MethodHandle[] handles = new MethodHandle[code.functionClass().length];
            for (int f = 0; f < handles.length; f++) {
                MethodHandles.Lookup owner = lookups[code.functionClass()[f]];
                handles[f] = owner.findStatic(owner.lookupClass(), code.functionMethod()[f],
                        FunctionInstance.jvmType(types.get(f)));
            }
            return handles;
        } catch (IllegalAccessException | NoSuchMethodException e) {
            throw new IllegalStateException("generated code does not match its description", e);
        }
    }

    /**
     * Bootstrap for {@code invokedynamic} calls between the classes of one module: links the
     * call site to static method {@code name} of the class at {@code classIndex}.
     */
    static CallSite linkFunction(MethodHandles.Lookup caller, String name, MethodType type, int classIndex)
            throws ReflectiveOperationException {
        ModuleClasses data = MethodHandles.classData(caller, "_", ModuleClasses.class);
        Class<?> target = data.classes[classIndex];
        return new ConstantCallSite(caller.findStatic(target, name, type));
    }

    /**
     * Bootstrap for the {@code invokedynamic} of interruption checks: every check of every module
     * is linked to the one switchable call site of {@link InterruptSwitch}.
     */
    static CallSite linkInterruptCheck(MethodHandles.Lookup caller, String name, MethodType type) {
        return InterruptSwitch.SITE;
    }
}
