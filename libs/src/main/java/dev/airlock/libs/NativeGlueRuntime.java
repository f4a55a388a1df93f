package dev.airlock.libs;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The glue in the native shared library, through JNA: the unsandboxed reference. Memory comes
 * from the C library's malloc (the one the glue's free releases).
 */
final class NativeGlueRuntime extends GlueRuntime {
    private final NativeLibrary library;
    private final String name;
    private final Map<String, Function> functions = new HashMap<>();

    NativeGlueRuntime(String library) {
        this.library = NativeLibraries.load(library);
        this.name = "libairlock_" + library + ".so";
    }

    private Function function(String function) {
        return functions.computeIfAbsent(function, library::getFunction);
    }

    private static Object[] convert(Object[] args) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i] instanceof Long ? pointer((Long) args[i]) : args[i];
        }
        return out;
    }

    private static Pointer pointer(long address) {
        return address == 0 ? null : new Pointer(address);
    }

    @Override
    long malloc(long size) {
        return size < 0 ? 0 : Native.malloc(Math.max(1, size));
    }

    @Override
    void free(long address) {
        if (address != 0) {
            Native.free(address);
        }
    }

    @Override
    void release(String function, long address) {
        if (address != 0) {
            callVoid(function, address);
        }
    }

    @Override
    void write(long address, byte[] src, int offset, int length) {
        pointer(address).write(0, src, offset, length);
    }

    @Override
    byte[] read(long address, int length) {
        if (address == 0 || length < 0) {
            throw new SandboxException(name + ": no data at " + address + " for " + length + " bytes");
        }
        return length == 0 ? new byte[0] : pointer(address).getByteArray(0, length);
    }

    @Override
    int readInt(long address) {
        return pointer(address).getInt(0);
    }

    @Override
    long readPointer(long address) {
        return Pointer.nativeValue(pointer(address).getPointer(0));
    }

    @Override
    String readCString(long address, int maxBytes) {
        Pointer p = pointer(address);
        int n = 0;
        while (n < maxBytes && p.getByte(n) != 0) {
            n++;
        }
        return new String(p.getByteArray(0, n), StandardCharsets.UTF_8);
    }

    @Override
    int callInt(String function, Object... args) {
        return function(function).invokeInt(convert(args));
    }

    @Override
    long callPointer(String function, Object... args) {
        return Pointer.nativeValue(function(function).invokePointer(convert(args)));
    }

    @Override
    float callFloat(String function, Object... args) {
        return function(function).invokeFloat(convert(args));
    }

    @Override
    void callVoid(String function, Object... args) {
        function(function).invokeVoid(convert(args));
    }

    @Override
    int generation() {
        return 0;
    }

    @Override
    String describe() {
        return "native " + name;
    }

    @Override
    public void close() {
        functions.clear();
    }
}
