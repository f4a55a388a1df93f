package dev.airlock.wasm.runtime;

import dev.airlock.wasm.FuncType;

/**
 * The table instructions (spec 4.4.6) and the table lookup of {@code call_indirect} (4.4.8).
 * Called by generated code; operands come in stack order, then the instance, then immediates.
 * Bulk operations check their whole range first, so a failing one changes nothing.
 */
public final class TableOps {
    private TableOps() {
    }

    /**
     * The function {@code call_indirect} calls: element {@code index} of table {@code table},
     * checked to be present, non-null and of type {@code expected} (interned, so compared by
     * reference).
     */
    public static FunctionInstance lookup(int index, Instance instance, int table, FuncType expected) {
        Object[] elements = instance.tables[table].elements;
        if (Integer.compareUnsigned(index, elements.length) >= 0) {
            throw Traps.undefinedElement();
        }
        FunctionInstance f = (FunctionInstance) elements[index];
        if (f == null) {
            throw Traps.uninitializedElement();
        }
        if (f.type != expected) {
            throw Traps.indirectCallTypeMismatch();
        }
        return f;
    }

    /** {@code table.get}. */
    public static Object get(int index, Instance instance, int table) {
        Object[] elements = instance.tables[table].elements;
        if (Integer.compareUnsigned(index, elements.length) >= 0) {
            throw Traps.outOfBoundsTable();
        }
        return elements[index];
    }

    /** {@code table.set}. */
    public static void set(int index, Object value, Instance instance, int table) {
        Object[] elements = instance.tables[table].elements;
        if (Integer.compareUnsigned(index, elements.length) >= 0) {
            throw Traps.outOfBoundsTable();
        }
        elements[index] = value;
    }

    /** {@code table.size}. */
    public static int size(Instance instance, int table) {
        return instance.tables[table].elements.length;
    }

    /** {@code table.grow}: the old size, or -1. */
    public static int grow(Object init, int delta, Instance instance, int table) {
        return instance.tables[table].grow(delta, init);
    }

    /** {@code table.fill}: sets {@code n} elements from {@code d} to {@code value}. */
    public static void fill(int d, Object value, int n, Instance instance, int table) {
        Object[] elements = instance.tables[table].elements;
        if (!MemoryOps.fits(d, n, elements.length)) {
            throw Traps.outOfBoundsTable();
        }
        java.util.Arrays.fill(elements, d, d + n, value);
    }

    /** {@code table.copy}: copies {@code n} elements of table {@code src} at {@code s} to table {@code dst} at {@code d}. */
    public static void copy(int d, int s, int n, Instance instance, int dst, int src) {
        copy(instance.tables[src].elements, s, instance.tables[dst].elements, d, n);
    }

    /** {@code table.init}: copies {@code n} references of element segment {@code segment} from {@code s} to {@code d}. */
    public static void init(int d, int s, int n, Instance instance, int table, int segment) {
        copy(instance.elements[segment], s, instance.tables[table].elements, d, n);
    }

    /** Copies {@code n} references, trapping before any is copied if either range does not fit. */
    private static void copy(Object[] from, int s, Object[] to, int d, int n) {
        if (!MemoryOps.fits(s, n, from.length) || !MemoryOps.fits(d, n, to.length)) {
            throw Traps.outOfBoundsTable();
        }
        System.arraycopy(from, s, to, d, n);
    }

    /** {@code elem.drop}. */
    public static void dropElements(Instance instance, int segment) {
        instance.dropElements(segment);
    }
}
