package dev.airlock.sandbox;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Generates the implementation of a bound interface for one sandbox: a hidden class whose
 * methods call the library's functions with no reflection and no boxing on the Wasm path.
 *
 * <p>Each method, in Java terms (Wasm backend; {@code GATE}, {@code F}, {@code MEMORY},
 * {@code POINTEE} are class data constants):
 * <pre>{@code
 * public TaintedPointer<Byte> f(int a, TaintedPointer<?> p) {
 *     int rawP = Args.pointer32(p, MEMORY);          // ownership check, before entering
 *     GATE.enter("f");                               // state and thread check
 *     SandboxCallEvent ev = SandboxEvents.beginCall(); // null unless JFR records calls
 *     int r;
 *     try {
 *         r = (int) F.invokeExact(a, rawP);          // FunctionInstance.invoker()
 *     } catch (Throwable t) {
 *         throw GATE.failed(t, ev, "f");             // poisons, leaves, converts
 *     }
 *     GATE.exit(ev, "f");
 *     return Results.pointer32(r, MEMORY, POINTEE);  // tainted
 * }
 * }</pre>
 * The native backend builds an {@code Object[]} of boxed arguments instead and calls
 * {@code com.sun.jna.Function.invokeInt} (or {@code invokeLong}, ...), JNA's own call path.
 *
 * <p>One class per sandbox and interface, so that every constant — the function's handle bound
 * to the sandbox's instance included — is a JIT constant. Defining it costs a fraction of a
 * millisecond; {@link Sandbox#bind} caches the result per interface.
 */
final class BindingGenerator {
    /** How generated code calls a resolved function. */
    enum CallStyle {
        /** {@code MethodHandle.invokeExact} with raw arguments (the Wasm backend). */
        METHOD_HANDLE,
        /** {@code com.sun.jna.Function.invokeXxx(Object[])} (the native backend). */
        JNA_FUNCTION
    }

    private static final String GATE = "dev/airlock/sandbox/CallGate";
    private static final String GATE_DESC = "L" + GATE + ";";
    private static final String MEMORY_DESC = "Ldev/airlock/taint/SandboxMemory;";
    private static final String POINTEE_DESC = "Ldev/airlock/taint/Pointee;";
    private static final String REGISTRY_DESC = "Ldev/airlock/sandbox/CallbackRegistry;";
    private static final String EVENT_DESC = "Ldev/airlock/sandbox/SandboxCallEvent;";
    private static final String ARGS = "dev/airlock/sandbox/Args";
    private static final String RESULTS = "dev/airlock/sandbox/Results";
    private static final String JNA_FUNCTION = "com/sun/jna/Function";

    /** Class data indexes of the shared constants. */
    private static final int GATE_INDEX = 0;
    private static final int MEMORY_INDEX = 1;
    private static final int REGISTRY_INDEX = 2;

    private BindingGenerator() {
    }

    /**
     * Generates, defines and instantiates the binding of {@code iface} to {@code backend}.
     *
     * @throws BindingException if a method cannot be bound (see {@link MethodShape} and
     *     {@link Backend#resolve})
     */
    static <T> T bind(Class<T> iface, Backend backend, CallbackRegistry registry) {
        checkInterface(iface);
        int pointerSize = backend.pointerSize();
        List<Method> methods = MethodShape.boundMethods(iface);
        List<Object> data = new ArrayList<>(List.of(backend.gate, backend.memory(), registry));
        String name = ClassDefiner.newClassName("Binding", iface);
        ClassWriter cw = ClassDefiner.newClassWriter();
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name, null, "java/lang/Object",
                new String[] {Type.getInternalName(iface)});
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        CallStyle style = backend.callStyle();
        for (Method m : methods) {
            MethodShape shape = MethodShape.ofBinding(m, pointerSize);
            int target = data.size();
            data.add(backend.resolve(shape));
            int pointee = -1;
            if (shape.resultPointee() != null) {
                pointee = data.size();
                data.add(shape.resultPointee());
            }
            emitMethod(cw, shape, pointerSize, style, target, pointee);
        }
        emitToString(cw, iface, backend.gate.name());
        cw.visitEnd();
        MethodHandles.Lookup lookup = ClassDefiner.define(name, cw.toByteArray(), data);
        try {
            MethodHandle constructor = lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class));
            return iface.cast(constructor.invoke());
        } catch (Throwable e) {
            throw new IllegalStateException("cannot instantiate the generated binding of " + iface.getName(), e);
        }
    }

    /** Checks what the JVM would otherwise report as a linkage error at definition time. */
    static void checkInterface(Class<?> iface) {
        if (!iface.isInterface()) {
            throw new BindingException(iface.getName() + " is not an interface; declare the library's functions in one");
        }
        if (!java.lang.reflect.Modifier.isPublic(iface.getModifiers())) {
            throw new BindingException(iface.getName() + " is not public; the generated binding implements it from"
                    + " package dev.airlock.sandbox, so it must be public");
        }
        if (iface.isSealed()) {
            throw new BindingException(iface.getName() + " is sealed; a generated binding cannot implement it");
        }
    }

    private static void emitMethod(ClassWriter cw, MethodShape shape, int pointerSize, CallStyle style, int target,
            int pointee) {
        Method m = shape.method();
        String descriptor = Type.getMethodDescriptor(m);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, m.getName(), descriptor, null, null);
        mv.visitCode();
        ValueKind[] params = shape.params();
        Class<?>[] types = m.getParameterTypes();
        int next = 1;
        int[] argSlots = new int[params.length];
        for (int i = 0; i < params.length; i++) {
            argSlots[i] = next;
            next += Type.getType(types[i]).getSize();
        }
        // 1. Arguments to raw values (checks may throw; nothing has entered yet).
        int[] rawSlots = new int[params.length];
        int arraySlot = -1;
        if (style == CallStyle.JNA_FUNCTION) {
            arraySlot = next++;
            push(mv, params.length);
            mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
            mv.visitVarInsn(Opcodes.ASTORE, arraySlot);
        }
        for (int i = 0; i < params.length; i++) {
            Type raw = Type.getType(params[i].raw(pointerSize));
            if (style == CallStyle.JNA_FUNCTION) {
                mv.visitVarInsn(Opcodes.ALOAD, arraySlot);
                push(mv, i);
            }
            mv.visitVarInsn(Type.getType(types[i]).getOpcode(Opcodes.ILOAD), argSlots[i]);
            emitArgument(mv, params[i], pointerSize);
            if (style == CallStyle.JNA_FUNCTION) {
                box(mv, raw);
                mv.visitInsn(Opcodes.AASTORE);
            } else {
                rawSlots[i] = next;
                next += raw.getSize();
                mv.visitVarInsn(raw.getOpcode(Opcodes.ISTORE), rawSlots[i]);
            }
        }
        // 2. Enter.
        String symbol = shape.symbol();
        mv.visitLdcInsn(ClassDefiner.classData(GATE_INDEX, GATE_DESC));
        mv.visitLdcInsn(symbol);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, GATE, "enter", "(Ljava/lang/String;)V", false);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/airlock/sandbox/SandboxEvents", "beginCall", "()" + EVENT_DESC, false);
        int eventSlot = next++;
        mv.visitVarInsn(Opcodes.ASTORE, eventSlot);
        // 3. Call.
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        mv.visitLabel(start);
        Type rawResult = Type.getType(shape.result().raw(pointerSize));
        if (style == CallStyle.METHOD_HANDLE) {
            mv.visitLdcInsn(ClassDefiner.classData(target, "Ljava/lang/invoke/MethodHandle;"));
            Type[] rawParams = new Type[params.length];
            for (int i = 0; i < params.length; i++) {
                rawParams[i] = Type.getType(params[i].raw(pointerSize));
                mv.visitVarInsn(rawParams[i].getOpcode(Opcodes.ILOAD), rawSlots[i]);
            }
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact",
                    Type.getMethodDescriptor(rawResult, rawParams), false);
        } else {
            mv.visitLdcInsn(ClassDefiner.classData(target, "L" + JNA_FUNCTION + ";"));
            mv.visitVarInsn(Opcodes.ALOAD, arraySlot);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, JNA_FUNCTION, jnaInvoker(rawResult),
                    Type.getMethodDescriptor(rawResult, Type.getType(Object[].class)), false);
        }
        mv.visitLabel(end);
        int resultSlot = next;
        if (rawResult.getSort() != Type.VOID) {
            mv.visitVarInsn(rawResult.getOpcode(Opcodes.ISTORE), resultSlot);
            next += rawResult.getSize();
        }
        // 4. Leave, and taint the result.
        mv.visitLdcInsn(ClassDefiner.classData(GATE_INDEX, GATE_DESC));
        mv.visitVarInsn(Opcodes.ALOAD, eventSlot);
        mv.visitLdcInsn(symbol);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, GATE, style == CallStyle.METHOD_HANDLE ? "exit" : "exitNative",
                "(" + EVENT_DESC + "Ljava/lang/String;)V", false);
        if (rawResult.getSort() == Type.VOID) {
            mv.visitInsn(Opcodes.RETURN);
        } else {
            mv.visitVarInsn(rawResult.getOpcode(Opcodes.ILOAD), resultSlot);
            emitResult(mv, shape.result(), pointerSize, pointee);
            mv.visitInsn(Opcodes.ARETURN);
        }
        // 5. Failure: poison, leave, throw the sandbox's exception.
        mv.visitLabel(handler);
        int thrownSlot = next;
        mv.visitVarInsn(Opcodes.ASTORE, thrownSlot);
        mv.visitLdcInsn(ClassDefiner.classData(GATE_INDEX, GATE_DESC));
        mv.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        mv.visitVarInsn(Opcodes.ALOAD, eventSlot);
        mv.visitLdcInsn(symbol);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, GATE, "failed",
                "(Ljava/lang/Throwable;" + EVENT_DESC + "Ljava/lang/String;)Ldev/airlock/sandbox/SandboxException;", false);
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Converts the Java argument on the stack to its raw form (see {@link Args}). */
    private static void emitArgument(MethodVisitor mv, ValueKind kind, int pointerSize) {
        boolean narrow = pointerSize == 4;
        switch (kind) {
            case SIZE:
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, ARGS, narrow ? "size32" : "size64", narrow ? "(J)I" : "(J)J", false);
                break;
            case POINTER:
                mv.visitLdcInsn(ClassDefiner.classData(MEMORY_INDEX, MEMORY_DESC));
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, ARGS, narrow ? "pointer32" : "pointer64",
                        "(Ldev/airlock/taint/TaintedPointer;" + MEMORY_DESC + ")" + (narrow ? "I" : "J"), false);
                break;
            case CALLBACK:
                mv.visitLdcInsn(ClassDefiner.classData(REGISTRY_INDEX, REGISTRY_DESC));
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, ARGS, narrow ? "callback32" : "callback64",
                        "(Ldev/airlock/sandbox/Callback;" + REGISTRY_DESC + ")" + (narrow ? "I" : "J"), false);
                break;
            default:
                // int, boolean, byte, short, char are ints on the JVM stack already (char zero-extended,
                // byte and short sign-extended, as C widens them); long, float and double are as is.
                break;
        }
    }

    /** Converts the raw result on the stack to its tainted form (see {@link Results}). */
    private static void emitResult(MethodVisitor mv, ValueKind kind, int pointerSize, int pointee) {
        String raw = Type.getDescriptor(kind.raw(pointerSize));
        String tainted = Type.getDescriptor(kind.tainted);
        switch (kind) {
            case POINTER:
                mv.visitLdcInsn(ClassDefiner.classData(MEMORY_INDEX, MEMORY_DESC));
                mv.visitLdcInsn(ClassDefiner.classData(pointee, POINTEE_DESC));
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, RESULTS, pointerSize == 4 ? "pointer32" : "pointer64",
                        "(" + raw + MEMORY_DESC + POINTEE_DESC + ")" + tainted, false);
                break;
            case SIZE:
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, RESULTS, pointerSize == 4 ? "size32" : "size64",
                        "(" + raw + ")" + tainted, false);
                break;
            default:
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, RESULTS, Results.methodName(kind), "(" + raw + ")" + tainted, false);
                break;
        }
    }

    private static String jnaInvoker(Type raw) {
        switch (raw.getSort()) {
            case Type.VOID: return "invokeVoid";
            case Type.INT: return "invokeInt";
            case Type.LONG: return "invokeLong";
            case Type.FLOAT: return "invokeFloat";
            case Type.DOUBLE: return "invokeDouble";
            default: throw new IllegalArgumentException("no JNA invoker for " + raw);
        }
    }

    /** Boxes the raw value on the stack for JNA. */
    private static void box(MethodVisitor mv, Type raw) {
        switch (raw.getSort()) {
            case Type.INT:
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false);
                break;
            case Type.LONG:
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;", false);
                break;
            case Type.FLOAT:
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Float", "valueOf", "(F)Ljava/lang/Float;", false);
                break;
            case Type.DOUBLE:
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "valueOf", "(D)Ljava/lang/Double;", false);
                break;
            default:
                throw new IllegalArgumentException("cannot box " + raw);
        }
    }

    private static void emitToString(ClassWriter cw, Class<?> iface, String sandbox) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "toString", "()Ljava/lang/String;", null, null);
        mv.visitCode();
        mv.visitLdcInsn(iface.getName() + " bound to sandbox " + sandbox);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    static void push(MethodVisitor mv, int value) {
        if (value >= -1 && value <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.BIPUSH, value);
        } else {
            mv.visitIntInsn(Opcodes.SIPUSH, value);
        }
    }
}
