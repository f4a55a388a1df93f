package dev.airlock.taint;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opaque handles for host objects handed to a sandbox, RLBox's {@code app_ptr}. A C library often
 * keeps a {@code void *user_data} and passes it back to callbacks; the host must not give it a host
 * address (there is none in Java, and natively it would let the library read host memory). Instead
 * the host registers the object and passes the handle, a small integer; when a handle comes back
 * (tainted) {@link #lookup(TaintedInt)} verifies that it names a registered object.
 *
 * <p>Handles are never reused within a table, so a stale handle kept by the library after
 * {@link #remove} fails instead of reaching a newer object. A handle is meaningful only in its own
 * table: a library that mixes up handles of one table gets another object of the same type, never
 * an object of another type. Thread-safe.
 *
 * @param <T> the type of the host objects
 */
public final class AppPointers<T> {
    private final Map<Integer, T> objects = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(1);
    private final String name;

    /**
     * Creates an empty table.
     *
     * @param name what the handles stand for, used in error messages (e.g. {@code "stream"})
     */
    public AppPointers(String name) {
        this.name = Checks.requireWhat(name);
    }

    /**
     * Registers a host object and returns its handle, the value to give the sandbox.
     *
     * @param object the host object
     * @return a positive handle, never 0 (so that C code can keep using NULL for "none")
     * @throws IllegalStateException if the table has issued all 2^31 - 1 handles
     */
    public int register(T object) {
        Objects.requireNonNull(object, "object");
        int handle = next.getAndUpdate(h -> h == Integer.MAX_VALUE ? h : h + 1);
        if (handle == Integer.MAX_VALUE) {
            throw new IllegalStateException("no " + name + " handles left");
        }
        objects.put(handle, object);
        return handle;
    }

    /**
     * Looks up the object a handle from the sandbox names.
     *
     * @param handle the handle as the sandbox passed it back
     * @return the registered object
     * @throws VerificationException if the handle is not registered (never issued or removed)
     */
    public T lookup(TaintedInt handle) {
        return lookupRaw(handle.unverifiedSafeBecause("only used as a key and checked against the table"));
    }

    /**
     * Looks up the object a pointer-sized handle names (a {@code void*} user-data argument on the
     * native backend).
     *
     * @param handle the handle as the sandbox passed it back
     * @return the registered object
     * @throws VerificationException if the handle is not registered
     */
    public T lookup(TaintedLong handle) {
        long h = handle.unverifiedSafeBecause("only used as a key and checked against the table");
        if (h <= 0 || h > Integer.MAX_VALUE) {
            throw unknown(Long.toString(h));
        }
        return lookupRaw((int) h);
    }

    /**
     * Looks up the object a handle names when the library declared it as a pointer
     * ({@code void *user_data}).
     *
     * @param handle the handle as the sandbox passed it back
     * @return the registered object
     * @throws VerificationException if the handle is not registered
     */
    public T lookup(TaintedPointer<?> handle) {
        long h = handle.rawAddress();
        if (h <= 0 || h > Integer.MAX_VALUE) {
            throw unknown("0x" + Long.toHexString(h));
        }
        return lookupRaw((int) h);
    }

    /**
     * Unregisters a handle, for example when the sandbox will no longer use it.
     *
     * @param handle a handle returned by {@link #register}
     * @return the object it named
     * @throws IllegalArgumentException if it is not registered
     */
    public T remove(int handle) {
        T removed = objects.remove(handle);
        if (removed == null) {
            throw new IllegalArgumentException("not a registered " + name + " handle: " + handle);
        }
        return removed;
    }

    /**
     * The number of registered objects.
     *
     * @return the count
     */
    public int size() {
        return objects.size();
    }

    private T lookupRaw(int handle) {
        T object = objects.get(handle);
        if (object == null) {
            throw unknown(Integer.toString(handle));
        }
        return object;
    }

    private VerificationException unknown(String handle) {
        return new VerificationException("check failed: " + name + " handle is registered (value: " + handle + ")");
    }
}
