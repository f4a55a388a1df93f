package dev.airlock.wasm.runtime;

import dev.airlock.wasm.Limits;
import dev.airlock.wasm.TableType;
import dev.airlock.wasm.ValType;
import java.util.Arrays;
import java.util.Objects;

/**
 * A table (spec 4.2.7 "Table Instances"): a growable vector of references. A {@code funcref}
 * table holds {@link FunctionInstance}s or null; an {@code externref} table holds any host object
 * or null.
 *
 * <p>Generated code reads {@link #elements} directly; its length is the table's size, and
 * {@link #grow} replaces it.
 */
public final class Table {
    /** Elements beyond which {@link #grow} fails; keeps a hostile module from exhausting the heap. */
    public static final int DEFAULT_MAX_ELEMENTS = 10_000_000;

    /** The elements; the array's length is the current size. Read by generated code. */
    Object[] elements;
    /** The element type and declared limits. */
    private final TableType type;
    /** The largest size {@link #grow} may reach. */
    private final long maxElements;

    /**
     * A new table of the type's minimum size with every element {@code init}, growable up to the
     * declared maximum and at most {@code capElements}.
     *
     * @throws IllegalArgumentException if the minimum exceeds the cap
     */
    public Table(TableType type, Object init, long capElements) {
        this.type = Objects.requireNonNull(type);
        if (!type.elementType().isReference()) {
            throw new IllegalArgumentException("table element type must be a reference type: " + type.elementType());
        }
        long max = type.limits().hasMax() ? type.limits().max() : 0xFFFF_FFFFL;
        this.maxElements = Math.min(max, Math.min(capElements, Integer.MAX_VALUE - 16));
        long min = type.limits().min();
        if (min > maxElements) {
            throw new IllegalArgumentException("table of " + min + " elements exceeds the limit of " + maxElements);
        }
        this.elements = newArray((int) min);
        checkElement(init);
        Arrays.fill(elements, init);
    }

    /** A new table of null references with the given limits ({@code max} may be {@link Limits#NO_MAX}). */
    public Table(ValType elementType, long min, long max) {
        this(new TableType(elementType, new Limits(min, max)), null, DEFAULT_MAX_ELEMENTS);
    }

    /** The type: the current size as minimum and the declared maximum (for import matching). */
    public TableType type() {
        return new TableType(type.elementType(), new Limits(size(), type.limits().max()));
    }

    /** The element type. */
    public ValType elementType() {
        return type.elementType();
    }

    /** The current number of elements. */
    public int size() {
        return elements.length;
    }

    /** Element {@code index}. */
    public Object get(int index) {
        Objects.checkIndex(index, elements.length);
        return elements[index];
    }

    /** Sets element {@code index}; the value must suit the element type. */
    public void set(int index, Object value) {
        Objects.checkIndex(index, elements.length);
        checkElement(value);
        elements[index] = value;
    }

    /**
     * Grows by {@code delta} (an unsigned 32-bit value) elements set to {@code init}, as
     * {@code table.grow} does: returns the old size, or -1 if the maximum would be exceeded or
     * the JVM cannot allocate the new array.
     */
    public int grow(int delta, Object init) {
        int old = elements.length;
        long wanted = old + Integer.toUnsignedLong(delta);
        if (wanted > maxElements) {
            return -1;
        }
        if (delta == 0) {
            return old;
        }
        Object[] grown;
        try {
            grown = Arrays.copyOf(elements, (int) wanted);
        } catch (OutOfMemoryError e) {
            return -1;
        }
        Arrays.fill(grown, old, grown.length, init);
        elements = grown;
        return old;
    }

    private Object[] newArray(int size) {
        return type.elementType() == ValType.FUNCREF ? new FunctionInstance[size] : new Object[size];
    }

    private void checkElement(Object value) {
        if (value != null && type.elementType() == ValType.FUNCREF && !(value instanceof FunctionInstance)) {
            throw new IllegalArgumentException("a funcref table holds only FunctionInstance or null, not "
                    + value.getClass().getName());
        }
    }
}
