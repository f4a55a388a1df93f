package dev.airlock.sandbox;

import dev.airlock.taint.Pointee;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * One method of a bound interface (or the method of a callback interface) reduced to what the
 * generated code needs: the symbol, the kind of each parameter and of the result, and for
 * pointers what they point to. Built by reflection once, at bind or register time — never on the
 * call path — and validated there, so that a mistake in an interface is reported when it is bound
 * with the method named, not at the first call.
 *
 * @param method the interface method
 * @param symbol the library function (for callbacks: the method's name)
 * @param params the kinds of the parameters
 * @param result the kind of the result
 * @param paramPointees for each pointer parameter what it points to, else null
 * @param resultPointee what a pointer result points to, else null
 */
record MethodShape(Method method, String symbol, ValueKind[] params, ValueKind result, Pointee<?>[] paramPointees,
        Pointee<?> resultPointee) {

    /** The methods of {@code iface} that a binding implements: its abstract methods. */
    static List<Method> boundMethods(Class<?> iface) {
        List<Method> methods = new ArrayList<>();
        for (Method m : iface.getMethods()) {
            if (Modifier.isAbstract(m.getModifiers()) && !m.isDefault()) {
                methods.add(m);
            }
        }
        // Stable order (getMethods has none): by name, then descriptor.
        methods.sort((a, b) -> {
            int c = a.getName().compareTo(b.getName());
            return c != 0 ? c : org.objectweb.asm.Type.getMethodDescriptor(a).compareTo(org.objectweb.asm.Type.getMethodDescriptor(b));
        });
        return methods;
    }

    /**
     * The shape of a bound method: plain Java arguments going in (primitives, {@code TaintedPointer},
     * {@link Callback}), a tainted result coming out.
     *
     * @throws BindingException if a parameter or the result has an unsupported type
     */
    static MethodShape ofBinding(Method m, int pointerSize) {
        Symbol symbol = m.getAnnotation(Symbol.class);
        String name = symbol != null ? symbol.value() : m.getName();
        if (name.isEmpty()) {
            throw new BindingException(describe(m) + ": @Symbol must name a function");
        }
        Parameter[] ps = m.getParameters();
        Type[] generic = m.getGenericParameterTypes();
        ValueKind[] params = new ValueKind[ps.length];
        Pointee<?>[] pointees = new Pointee<?>[ps.length];
        for (int i = 0; i < ps.length; i++) {
            params[i] = plainKind(m, i, ps[i].getType(), ps[i].isAnnotationPresent(SizeT.class));
            if (params[i] == ValueKind.POINTER) {
                pointees[i] = PointeeTypes.of(generic[i], pointerSize, describe(m) + " parameter " + (i + 1));
            }
        }
        ValueKind result = taintedKind(m, -1, m.getReturnType(), m.isAnnotationPresent(SizeT.class), true);
        Pointee<?> resultPointee = result == ValueKind.POINTER
                ? PointeeTypes.of(m.getGenericReturnType(), pointerSize, describe(m) + " result") : null;
        for (Class<?> e : m.getExceptionTypes()) {
            if (!RuntimeException.class.isAssignableFrom(e) && !Error.class.isAssignableFrom(e)) {
                throw new BindingException(describe(m) + " declares the checked exception " + e.getName()
                        + "; bound methods throw only unchecked exceptions");
            }
        }
        return new MethodShape(m, name, params, result, pointees, resultPointee);
    }

    /**
     * The shape of a callback interface's method: tainted arguments coming from the sandbox, a
     * plain Java result going back (or a {@code TaintedPointer} into the same sandbox).
     *
     * @throws CallbackException if a parameter or the result has an unsupported type
     */
    static MethodShape ofCallback(Method m, int pointerSize) {
        Parameter[] ps = m.getParameters();
        Type[] generic = m.getGenericParameterTypes();
        ValueKind[] params = new ValueKind[ps.length];
        Pointee<?>[] pointees = new Pointee<?>[ps.length];
        try {
            for (int i = 0; i < ps.length; i++) {
                params[i] = taintedKind(m, i, ps[i].getType(), ps[i].isAnnotationPresent(SizeT.class), false);
                if (params[i] == ValueKind.POINTER) {
                    pointees[i] = PointeeTypes.of(generic[i], pointerSize, describe(m) + " parameter " + (i + 1));
                }
            }
            Class<?> r = m.getReturnType();
            ValueKind result = r == dev.airlock.taint.TaintedPointer.class ? ValueKind.POINTER
                    : plainKind(m, -1, r, m.isAnnotationPresent(SizeT.class));
            if (result == ValueKind.CALLBACK) {
                throw new BindingException(describe(m) + ": a callback cannot return a Callback");
            }
            return new MethodShape(m, m.getName(), params, result, pointees, null);
        } catch (BindingException e) {
            throw new CallbackException(e.getMessage());
        }
    }

    /** The kind of a host value of type {@code t} (a bound method's parameter, a callback's result). */
    private static ValueKind plainKind(Method m, int index, Class<?> t, boolean sizeT) {
        ValueKind kind = null;
        if (t == long.class) {
            kind = sizeT ? ValueKind.SIZE : ValueKind.LONG;
        } else {
            for (ValueKind k : ValueKind.values()) {
                if (k.plain == t && k != ValueKind.SIZE) {
                    kind = k;
                    break;
                }
            }
        }
        if (kind == null || (kind == ValueKind.VOID && index >= 0)) {
            throw new BindingException(describe(m) + ": unsupported " + where(index) + " type " + t.getName()
                    + "; supported: int, long (@SizeT long for size_t), float, double, boolean, byte, short, char,"
                    + " TaintedPointer, Callback" + (index < 0 ? ", void" : ""));
        }
        if (sizeT && kind != ValueKind.SIZE) {
            throw new BindingException(describe(m) + ": @SizeT applies to long, not " + t.getName());
        }
        return kind;
    }

    /** The kind of a tainted value of type {@code t} (a bound method's result, a callback's parameter). */
    private static ValueKind taintedKind(Method m, int index, Class<?> t, boolean sizeT, boolean allowVoid) {
        ValueKind kind = null;
        if (t == dev.airlock.taint.TaintedLong.class) {
            kind = sizeT ? ValueKind.SIZE : ValueKind.LONG;
        } else if (t == void.class && allowVoid) {
            kind = ValueKind.VOID;
        } else {
            for (ValueKind k : ValueKind.values()) {
                if (k.tainted == t && k != ValueKind.SIZE && k != ValueKind.VOID) {
                    kind = k;
                    break;
                }
            }
        }
        if (kind == null) {
            String hint = t.isPrimitive() && t != void.class
                    ? "; values from the sandbox are tainted: declare Tainted" + Character.toUpperCase(t.getName().charAt(0))
                            + t.getName().substring(1) + " instead"
                    : "";
            throw new BindingException(describe(m) + ": unsupported " + where(index) + " type " + t.getName()
                    + "; supported: TaintedInt, TaintedLong (@SizeT for size_t), TaintedFloat, TaintedDouble,"
                    + " TaintedBoolean, TaintedByte, TaintedShort, TaintedChar, TaintedPointer" + (allowVoid ? ", void" : "")
                    + hint);
        }
        if (sizeT && kind != ValueKind.SIZE) {
            throw new BindingException(describe(m) + ": @SizeT applies to TaintedLong, not " + t.getName());
        }
        return kind;
    }

    private static String where(int index) {
        return index < 0 ? "result" : "parameter " + (index + 1);
    }

    /** {@code Iface.method(int, TaintedPointer)} for messages. */
    static String describe(Method m) {
        StringBuilder b = new StringBuilder(m.getDeclaringClass().getSimpleName()).append('.').append(m.getName()).append('(');
        Class<?>[] ps = m.getParameterTypes();
        for (int i = 0; i < ps.length; i++) {
            b.append(i > 0 ? ", " : "").append(ps[i].getSimpleName());
        }
        return b.append(')').toString();
    }
}
