package dev.airlock.sandbox;

import dev.airlock.taint.Pointee;
import dev.airlock.taint.Pointees;
import dev.airlock.taint.TaintedPointer;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Map;

/**
 * What a {@code TaintedPointer<X>} in a bound or callback interface points to, read from its type
 * argument at bind time: {@code TaintedPointer<Integer>} is an {@code int32_t *},
 * {@code TaintedPointer<Byte>} a {@code char *}, {@code TaintedPointer<TaintedPointer<Byte>>} a
 * {@code char **}, a record type a struct (its layout from the marshalling module), and a raw
 * {@code TaintedPointer}, {@code TaintedPointer<?>} or {@code TaintedPointer<Void>} a
 * {@code void *} (to be {@code cast} before use, like C's).
 */
final class PointeeTypes {
    private static final Map<Class<?>, Pointee<?>> SCALARS = Map.of(
            Byte.class, Pointees.INT8,
            Boolean.class, Pointees.BOOL,
            Short.class, Pointees.INT16,
            Character.class, Pointees.UINT16,
            Integer.class, Pointees.INT32,
            Long.class, Pointees.INT64,
            Float.class, Pointees.FLOAT32,
            Double.class, Pointees.FLOAT64,
            Void.class, Pointees.VOID);

    private PointeeTypes() {
    }

    /**
     * The pointee of a {@code TaintedPointer<X>} declared as {@code type}.
     *
     * @param where the parameter or result, for messages
     * @throws BindingException if {@code X} has no C counterpart
     */
    static Pointee<?> of(Type type, int pointerSize, String where) {
        if (type instanceof Class<?>) {
            return Pointees.VOID;
        }
        if (!(type instanceof ParameterizedType)) {
            throw new BindingException(where + ": cannot tell what " + type + " points to");
        }
        return target(((ParameterizedType) type).getActualTypeArguments()[0], pointerSize, where);
    }

    private static Pointee<?> target(Type argument, int pointerSize, String where) {
        if (argument instanceof WildcardType) {
            return Pointees.VOID;
        }
        if (argument instanceof ParameterizedType
                && ((ParameterizedType) argument).getRawType() == TaintedPointer.class) {
            return Pointees.pointerTo(target(((ParameterizedType) argument).getActualTypeArguments()[0], pointerSize, where));
        }
        if (argument == TaintedPointer.class) {
            return Pointees.POINTER;
        }
        if (argument instanceof Class<?>) {
            Class<?> c = (Class<?>) argument;
            Pointee<?> scalar = SCALARS.get(c);
            if (scalar != null) {
                return scalar;
            }
            if (c.isRecord()) {
                return StructPointees.of(c, where);
            }
        }
        throw new BindingException(where + ": TaintedPointer<" + argument.getTypeName() + "> has no C counterpart;"
                + " use Byte, Short, Character, Integer, Long, Float, Double, Boolean, Void, TaintedPointer<...> or a"
                + " struct record");
    }
}
