package dev.airlock.wasm;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A function type {@code [params] -> [results]} (spec 2.3.5 "Function Types").
 *
 * <p>Instances are immutable. {@link #intern()} returns one canonical object per distinct type, so
 * that generated code can check {@code call_indirect} signatures with a reference comparison.
 */
public final class FuncType {
    private static final ConcurrentHashMap<FuncType, FuncType> INTERNED = new ConcurrentHashMap<>();

    /** The parameter types, in order; never modified. */
    private final ValType[] params;
    /** The result types, in order; never modified. */
    private final ValType[] results;
    /** Cached hash code; the arrays never change. */
    private final int hash;

    private FuncType(ValType[] params, ValType[] results) {
        this.params = params;
        this.results = results;
        this.hash = 31 * Arrays.hashCode(params) + Arrays.hashCode(results);
    }

    /** A function type with the given parameter and result types. */
    public static FuncType of(List<ValType> params, List<ValType> results) {
        return new FuncType(params.toArray(new ValType[0]), results.toArray(new ValType[0]));
    }

    /** A function type with the given parameter and result types (the arrays are copied). */
    public static FuncType of(ValType[] params, ValType[] results) {
        return new FuncType(params.clone(), results.clone());
    }

    /** The canonical instance equal to this type. */
    public FuncType intern() {
        FuncType existing = INTERNED.putIfAbsent(this, this);
        return existing == null ? this : existing;
    }

    /** Number of parameters. */
    public int paramCount() {
        return params.length;
    }

    /** Number of results. */
    public int resultCount() {
        return results.length;
    }

    /** The type of parameter {@code i}. */
    public ValType param(int i) {
        return params[i];
    }

    /** The type of result {@code i}. */
    public ValType result(int i) {
        return results[i];
    }

    /** The parameter types (a copy). */
    public ValType[] params() {
        return params.clone();
    }

    /** The result types (a copy). */
    public ValType[] results() {
        return results.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FuncType)) {
            return false;
        }
        FuncType other = (FuncType) o;
        return hash == other.hash && Arrays.equals(params, other.params) && Arrays.equals(results, other.results);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The type in the text format's style, e.g. {@code (i32 i64) -> (f32)}. */
    @Override
    public String toString() {
        return "(" + join(params) + ") -> (" + join(results) + ")";
    }

    private static String join(ValType[] types) {
        StringBuilder sb = new StringBuilder();
        for (ValType t : types) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(t.wasmName);
        }
        return sb.toString();
    }
}
