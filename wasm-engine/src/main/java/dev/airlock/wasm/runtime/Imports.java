package dev.airlock.wasm.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an instantiation may import, by two-level name (spec 2.5.11). Values are
 * {@link HostFunction}s, {@link FunctionInstance}s (for example another instance's export),
 * {@link Memory}s, {@link Table}s and {@link Global}s. Not thread-safe while being filled;
 * instantiation only reads it.
 */
public final class Imports {
    private final Map<String, Map<String, Object>> modules = new LinkedHashMap<>();

    /** Adds a host function. */
    public Imports function(String module, String name, HostFunction function) {
        return put(module, name, function);
    }

    /** Adds a function instance (e.g. another instance's export). */
    public Imports function(String module, String name, FunctionInstance function) {
        return put(module, name, function);
    }

    /** Adds a memory. */
    public Imports memory(String module, String name, Memory memory) {
        return put(module, name, memory);
    }

    /** Adds a table. */
    public Imports table(String module, String name, Table table) {
        return put(module, name, table);
    }

    /** Adds a global. */
    public Imports global(String module, String name, Global global) {
        return put(module, name, global);
    }

    /** Makes every export of {@code instance} importable under module name {@code module}. */
    public Imports instance(String module, Instance instance) {
        instance.exports().forEach((name, value) -> put(module, name, value));
        return this;
    }

    /** The value registered under {@code module.name}, or null. */
    public Object resolve(String module, String name) {
        Map<String, Object> m = modules.get(module);
        return m == null ? null : m.get(name);
    }

    private Imports put(String module, String name, Object value) {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        modules.computeIfAbsent(module, k -> new LinkedHashMap<>()).put(name, value);
        return this;
    }
}
