package dev.airlock.sandbox;

import com.sun.jna.CallbackReference;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.airlock.taint.SandboxMemory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The native backend, RLBox's "noop" sandbox: the library is a shared object loaded with JNA and
 * runs in the JVM's process. Nothing is isolated — the point is the same interface and the same
 * tainted results, so that an application migrates to the Wasm build one call site at a time, and
 * so that the two builds can be compared.
 *
 * <p>What still holds: the state machine, one thread at a time, pointer provenance between
 * sandboxes, allocation tracking, callback registration and its limit, tainted results. What does
 * not: the memory cap, the per-call deadline and the call-depth limit (nothing can bound native
 * code from the outside; they are logged as not enforced), and every guarantee against a buggy or
 * hostile library — a crash in it is a crash of the JVM.
 *
 * <p>JNA's {@link NativeLibrary} objects are shared by every user of the same library in the
 * process, so closing a sandbox does not unload the library; and several native sandboxes of one
 * library share its global state, which no sandbox can separate.
 */
final class NativeBackend extends Backend {
    private final NativeLibrary library;
    private final NativeMemory memory;
    private final Function malloc;
    private final Function free;
    /** Every proxy created, by C signature; free ones are reused (see {@link NativeCallbackProxy}). */
    private final Map<List<Class<?>>, ArrayDeque<NativeCallbackProxy>> freeProxies = new HashMap<>();
    /** Every proxy created, kept reachable for the sandbox's lifetime (JNA frees collected ones). */
    private final List<NativeCallbackProxy> proxies = new ArrayList<>();

    private NativeBackend(CallGate gate, NativeLibrary library, NativeMemory memory) {
        super(gate);
        this.library = library;
        this.memory = memory;
        this.malloc = libcFunction(library, "malloc");
        this.free = libcFunction(library, "free");
    }

    /**
     * Loads the library (once per process, by JNA) for a new sandbox.
     *
     * @throws SandboxException if it cannot be loaded
     */
    static NativeBackend open(NativeSandboxLibrary library, SandboxConfig config, Object owner) {
        NativeLibrary loaded;
        try {
            loaded = NativeLibrary.getInstance(library.location);
        } catch (UnsatisfiedLinkError e) {
            throw new SandboxException(config.name() + ": cannot load the native library " + library.location + ": "
                    + e.getMessage(), e);
        }
        return new NativeBackend(new CallGate(config.name(), null), loaded, new NativeMemory(owner, config.name()));
    }

    /** {@code name} as the library resolves it (its own, or its C library's), else from the C library. */
    private static Function libcFunction(NativeLibrary library, String name) {
        try {
            return library.getFunction(name);
        } catch (UnsatisfiedLinkError e) {
            return NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction(name);
        }
    }

    @Override
    SandboxMemory memory() {
        return memory;
    }

    @Override
    int pointerSize() {
        return 8;
    }

    @Override
    Object resolve(MethodShape shape) {
        try {
            return library.getFunction(shape.symbol());
        } catch (UnsatisfiedLinkError e) {
            throw new BindingException(MethodShape.describe(shape.method()) + ": the native library " + library.getName()
                    + " has no symbol \"" + shape.symbol() + "\"" + (shape.method().isAnnotationPresent(Symbol.class) ? ""
                            : " (use @Symbol if the C name differs from the method's)"), e);
        }
    }

    @Override
    BindingGenerator.CallStyle callStyle() {
        return BindingGenerator.CallStyle.JNA_FUNCTION;
    }

    @Override
    long install(CallbackSlot slot) {
        ValueKind[] params = slot.shape.params();
        Class<?>[] types = new Class<?>[params.length];
        for (int i = 0; i < params.length; i++) {
            types[i] = params[i].raw(8);
        }
        Class<?> result = slot.shape.result().raw(8);
        NativeCallbackProxy proxy = freeProxies.computeIfAbsent(signature(types, result), k -> new ArrayDeque<>()).poll();
        if (proxy == null) {
            proxy = new NativeCallbackProxy(types, result, gate);
            proxies.add(proxy);
        }
        proxy.serve(slot, CallbackAdapters.adapter(slot.type, slot.shape, 8));
        slot.installed = proxy;
        return Pointer.nativeValue(CallbackReference.getFunctionPointer(proxy));
    }

    @Override
    void uninstall(CallbackSlot slot) {
        NativeCallbackProxy proxy = (NativeCallbackProxy) slot.installed;
        proxy.release();
        freeProxies.computeIfAbsent(signature(proxy.getParameterTypes(), proxy.getReturnType()), k -> new ArrayDeque<>())
                .push(proxy);
    }

    /** The C signature of a trampoline, as a key: parameter types, then the result type. */
    private static List<Class<?>> signature(Class<?>[] parameters, Class<?> result) {
        List<Class<?>> key = new ArrayList<>(Arrays.asList(parameters));
        key.add(result);
        return key;
    }

    @Override
    long malloc(long size) {
        if (size < 0) {
            throw new SandboxAllocationException(gate.name() + ": cannot allocate " + Long.toUnsignedString(size) + " bytes");
        }
        gate.enter("malloc");
        long address;
        try {
            address = malloc.invokeLong(new Object[] {size});
        } catch (Throwable t) {
            throw gate.failed(t, null, "malloc");
        }
        gate.exitNative(null, "malloc");
        return address;
    }

    @Override
    void free(long address) {
        gate.enter("free");
        try {
            free.invokeVoid(new Object[] {address});
        } catch (Throwable t) {
            throw gate.failed(t, null, "free");
        }
        gate.exitNative(null, "free");
    }

    @Override
    boolean interrupt() {
        return false;
    }

    @Override
    List<String> unenforcedLimits(SandboxConfig config) {
        List<String> limits = new ArrayList<>();
        if (config.maxMemoryPages() != null) {
            limits.add("memory cap");
        }
        if (config.callDeadline() != null) {
            limits.add("call deadline");
        }
        if (config.maxCallDepth() != null) {
            limits.add("call depth");
        }
        if (config.wasi() != null) {
            limits.add("WASI configuration (the native library uses the process's own files and environment)");
        }
        return limits;
    }

    @Override
    void release() {
        for (NativeCallbackProxy proxy : proxies) {
            proxy.release();
        }
        memory.release();
    }
}
