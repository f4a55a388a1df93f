package dev.airlock.sandbox;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Generates the adapters between a library's call of a callback and its Java implementation:
 * for a callback interface {@code I} with method {@code R m(A1 .. An)}, a hidden class with
 * <pre>{@code
 * static rawR invoke(CallbackSlot slot, raw1 a1, ..., rawN an) {
 *     I target = (I) slot.target();                     // refuses after unregister
 *     R r = target.m(Results.int32(a1), ...,            // arguments tainted
 *                    Results.pointer32(ak, slot.memory(), slot.pointee(k)));
 *     return r;                                         // or Args.pointer32(r, slot.memory()), ...
 * }
 * }</pre>
 * The Wasm backend binds it to the slot and wraps it as a host function
 * ({@code HostFunction.wrap}, typed: no boxing); the native backend calls it from a JNA
 * {@link NativeCallbackProxy}. One class per interface and pointer size, shared by every sandbox
 * (the slot carries what differs), cached for the interface's lifetime.
 */
final class CallbackAdapters {
    private static final String SLOT = "dev/airlock/sandbox/CallbackSlot";
    private static final String MEMORY_DESC = "Ldev/airlock/taint/SandboxMemory;";
    private static final String POINTEE_DESC = "Ldev/airlock/taint/Pointee;";

    /** The adapters of an interface: index 0 for wasm32, 1 for LP64; created on first use. */
    private static final ClassValue<MethodHandle[]> CACHE = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            return new MethodHandle[2];
        }
    };

    private CallbackAdapters() {
    }

    /**
     * The adapter of callback interface {@code type} (whose method has {@code shape}) for pointers
     * of {@code pointerSize} bytes: a handle of type {@code (CallbackSlot, raw...) rawR}.
     */
    static MethodHandle adapter(Class<?> type, MethodShape shape, int pointerSize) {
        MethodHandle[] cached = CACHE.get(type);
        int index = pointerSize == 4 ? 0 : 1;
        synchronized (cached) {
            if (cached[index] == null) {
                cached[index] = generate(type, shape, pointerSize);
            }
            return cached[index];
        }
    }

    private static MethodHandle generate(Class<?> type, MethodShape shape, int pointerSize) {
        Method m = shape.method();
        ValueKind[] params = shape.params();
        Type[] raw = new Type[params.length + 1];
        raw[0] = Type.getObjectType(SLOT);
        for (int i = 0; i < params.length; i++) {
            raw[i + 1] = Type.getType(params[i].raw(pointerSize));
        }
        Type rawResult = Type.getType(shape.result().raw(pointerSize));
        String descriptor = Type.getMethodDescriptor(rawResult, raw);
        String name = ClassDefiner.newClassName("Callback", type);
        ClassWriter cw = ClassDefiner.newClassWriter();
        cw.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "invoke", descriptor, null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SLOT, "target", "()Ljava/lang/Object;", false);
        String iface = Type.getInternalName(type);
        mv.visitTypeInsn(Opcodes.CHECKCAST, iface);
        int slot = 1;
        for (int i = 0; i < params.length; i++) {
            Type r = raw[i + 1];
            mv.visitVarInsn(r.getOpcode(Opcodes.ILOAD), slot);
            slot += r.getSize();
            taint(mv, params[i], pointerSize, i);
        }
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, iface, m.getName(), Type.getMethodDescriptor(m), true);
        untaint(mv, shape.result(), pointerSize);
        mv.visitInsn(rawResult.getOpcode(Opcodes.IRETURN));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        MethodHandles.Lookup lookup = ClassDefiner.define(name, cw.toByteArray(), List.of());
        try {
            return lookup.findStatic(lookup.lookupClass(), "invoke", MethodType.fromMethodDescriptorString(descriptor,
                    CallbackAdapters.class.getClassLoader()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot find the generated adapter of " + type.getName(), e);
        }
    }

    /** Converts the raw argument on the stack to the tainted type the callback takes. */
    private static void taint(MethodVisitor mv, ValueKind kind, int pointerSize, int index) {
        String raw = Type.getDescriptor(kind.raw(pointerSize));
        String tainted = Type.getDescriptor(kind.tainted);
        String results = "dev/airlock/sandbox/Results";
        switch (kind) {
            case POINTER:
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SLOT, "memory", "()" + MEMORY_DESC, false);
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                BindingGenerator.push(mv, index);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SLOT, "pointee", "(I)" + POINTEE_DESC, false);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, results, pointerSize == 4 ? "pointer32" : "pointer64",
                        "(" + raw + MEMORY_DESC + POINTEE_DESC + ")" + tainted, false);
                break;
            case SIZE:
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, results, pointerSize == 4 ? "size32" : "size64",
                        "(" + raw + ")" + tainted, false);
                break;
            default:
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, results, Results.methodName(kind), "(" + raw + ")" + tainted, false);
                break;
        }
    }

    /** Converts the callback's result on the stack to the raw form the library receives. */
    private static void untaint(MethodVisitor mv, ValueKind kind, int pointerSize) {
        boolean narrow = pointerSize == 4;
        switch (kind) {
            case SIZE:
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/airlock/sandbox/Args", narrow ? "size32" : "size64",
                        narrow ? "(J)I" : "(J)J", false);
                break;
            case POINTER:
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SLOT, "memory", "()" + MEMORY_DESC, false);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/airlock/sandbox/Args", narrow ? "pointer32" : "pointer64",
                        "(Ldev/airlock/taint/TaintedPointer;" + MEMORY_DESC + ")" + (narrow ? "I" : "J"), false);
                break;
            default:
                // int, boolean, byte, short, char are ints already; long, float, double as they are.
                break;
        }
    }
}
