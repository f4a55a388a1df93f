package dev.airlock.marshal;

import dev.airlock.taint.Pointee;
import dev.airlock.taint.Pointees;
import dev.airlock.taint.Tainted;
import dev.airlock.taint.TaintedPointer;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns a record component declaration into a {@link Codec}, validating it: every refusal names the
 * component and says what to write instead.
 */
final class Codecs {
    private static final Map<Class<?>, Pointee<?>> BOXED_POINTEES = Map.of(
            Byte.class, Pointees.UINT8,
            Boolean.class, Pointees.BOOL,
            Short.class, Pointees.INT16,
            Character.class, Pointees.UINT16,
            Integer.class, Pointees.INT32,
            Long.class, Pointees.INT64,
            Float.class, Pointees.FLOAT32,
            Double.class, Pointees.FLOAT64,
            Void.class, Pointees.VOID);

    private Codecs() {}

    static Codec forComponent(Class<?> record, RecordComponent component, MethodHandles.Lookup lookup) {
        String where = record.getSimpleName() + "." + component.getName();
        Class<?> type = component.getType();
        CType cType = component.getAnnotation(CType.class);
        CArray cArray = component.getAnnotation(CArray.class);
        boolean rawPointer = component.isAnnotationPresent(Pointer.class);
        if (type.isArray()) {
            if (cArray == null) {
                throw new IllegalArgumentException(where + ": a Java array component needs @CArray(length = N) to be a C array");
            }
            if (rawPointer) {
                throw new IllegalArgumentException(where + ": @Pointer is for a long component; for an array of pointers use TaintedPointer<T>[]");
            }
            Class<?> elementType = type.getComponentType();
            if (elementType.isArray()) {
                throw new IllegalArgumentException(where + ": multi-dimensional arrays are not supported; declare a flat "
                        + "@CArray of rows * columns elements (C lays them out the same way)");
            }
            Type generic = component.getGenericType();
            Type elementGeneric = generic instanceof GenericArrayType
                    ? ((GenericArrayType) generic).getGenericComponentType() : elementType;
            Codec element = forType(where + "[]", elementType, elementGeneric, cType, lookup);
            return new ArrayCodec(where, element, cArray.length(), elementType);
        }
        if (cArray != null) {
            throw new IllegalArgumentException(where + ": @CArray is for array components, not " + type.getSimpleName());
        }
        if (rawPointer) {
            if (type != long.class) {
                throw new IllegalArgumentException(where + ": @Pointer marks a long component (a raw sandbox address), not "
                        + type.getSimpleName());
            }
            if (cType != null) {
                throw new IllegalArgumentException(where + ": @Pointer and @CType exclude each other");
            }
            return new RawPointerCodec(where);
        }
        return forType(where, type, component.getGenericType(), cType, lookup);
    }

    private static Codec forType(String where, Class<?> type, Type generic, CType cType, MethodHandles.Lookup lookup) {
        if (type.isPrimitive()) {
            CScalar scalar = cType != null ? cType.value() : ScalarCodec.defaultFor(type);
            return new ScalarCodec(where, scalar, type);
        }
        if (cType != null) {
            throw new IllegalArgumentException(where + ": @CType applies to primitive components, not " + type.getSimpleName());
        }
        if (type == TaintedPointer.class) {
            Type target = typeArgument(generic);
            validateTarget(where, target);
            Supplier<Pointee<?>> pointee = () -> pointeeFor(target, lookup);
            return new PointerCodec(where, pointee, cNameOf(target));
        }
        if (type.isRecord()) {
            return new StructCodec(where, StructLayout.nested(type, lookup));
        }
        throw new IllegalArgumentException(where + ": unsupported component type " + type.getSimpleName() + hint(type));
    }

    private static String hint(Class<?> type) {
        if (type == String.class) {
            return "; declare a char* as TaintedPointer<Byte> (read it with CStrings) or a char[N] as @CArray(length = N) byte[]";
        }
        if (BOXED_POINTEES.containsKey(type)) {
            return "; use the primitive type";
        }
        if (type.getPackageName().equals(Tainted.class.getPackageName())) {
            return "; declare plain values: the whole record is tainted when it is read from a sandbox";
        }
        return "; supported: primitives (with @CType where needed), records (nested structs), TaintedPointer<T>, "
                + "@Pointer long, and @CArray arrays of those";
    }

    /** {@code T} of {@code TaintedPointer<T>}; a raw or wildcard pointer is a {@code void *}. */
    private static Type typeArgument(Type generic) {
        if (generic instanceof ParameterizedType) {
            Type arg = ((ParameterizedType) generic).getActualTypeArguments()[0];
            return arg instanceof WildcardType ? Void.class : arg;
        }
        return Void.class;
    }

    private static void validateTarget(String where, Type target) {
        if (target instanceof Class<?>) {
            Class<?> c = (Class<?>) target;
            if (BOXED_POINTEES.containsKey(c) || c.isRecord()) {
                return;
            }
        } else if (target instanceof ParameterizedType && ((ParameterizedType) target).getRawType() == TaintedPointer.class) {
            validateTarget(where, typeArgument(target));
            return;
        }
        throw new IllegalArgumentException(where + ": a TaintedPointer component must point to a boxed primitive, Void, "
                + "a record or another TaintedPointer, not " + target.getTypeName());
    }

    private static Pointee<?> pointeeFor(Type target, MethodHandles.Lookup lookup) {
        if (target instanceof Class<?>) {
            Class<?> c = (Class<?>) target;
            Pointee<?> boxed = BOXED_POINTEES.get(c);
            return boxed != null ? boxed : StructLayout.nested(c, lookup);
        }
        return Pointees.pointerTo(pointeeFor(typeArgument(target), lookup));
    }

    private static String cNameOf(Type target) {
        if (target instanceof Class<?>) {
            Class<?> c = (Class<?>) target;
            if (c.isRecord()) {
                return "struct " + c.getSimpleName();
            }
            return String.valueOf(BOXED_POINTEES.get(c));
        }
        return cNameOf(typeArgument(target)) + " *";
    }
}
