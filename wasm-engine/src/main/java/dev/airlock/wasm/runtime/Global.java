package dev.airlock.wasm.runtime;

import dev.airlock.wasm.GlobalType;
import dev.airlock.wasm.ValType;
import java.util.Objects;

/**
 * A global (spec 4.2.9 "Global Instances"). Numbers are held as raw bits in {@link #bits} (i32 in
 * the low 32 bits, floats as their IEEE bit patterns, so NaN payloads survive); references in
 * {@link #ref}. Generated code reads and writes the fields directly.
 */
public final class Global {
    /** The bits of a numeric value. Read and written by generated code. */
    long bits;
    /** The value of a reference-typed global. Read and written by generated code. */
    Object ref;
    /** The value type and mutability. */
    private final GlobalType type;

    /** A global of the given type holding zero or null. */
    public Global(GlobalType type) {
        this.type = Objects.requireNonNull(type);
    }

    /** A global of the given type holding {@code value} (boxed as {@link #get()} returns it). */
    public Global(GlobalType type, Object value) {
        this(type);
        setValue(value);
    }

    /** The type. */
    public GlobalType type() {
        return type;
    }

    /**
     * The value, boxed: {@code Integer}, {@code Long}, {@code Float}, {@code Double}, or the
     * reference ({@link FunctionInstance}, a host object, or null).
     */
    public Object get() {
        return Values.fromBits(type.valueType(), bits, ref);
    }

    /**
     * Sets the value from the host (spec: only mutable globals may be set; this checks it).
     *
     * @throws IllegalStateException if the global is immutable
     * @throws IllegalArgumentException if the value does not suit the type
     */
    public void set(Object value) {
        if (!type.mutable()) {
            throw new IllegalStateException("global is immutable");
        }
        setValue(value);
    }

    /** The raw bits of a numeric value. */
    public long getBits() {
        return bits;
    }

    void setValue(Object value) {
        ValType t = type.valueType();
        if (t.isReference()) {
            Values.checkReference(t, value);
            ref = value;
        } else {
            bits = Values.toBits(t, value);
        }
    }

    void setBits(long bits, Object ref) {
        this.bits = bits;
        this.ref = ref;
    }
}
