package dev.airlock.wasm.wasi;

import dev.airlock.wasm.runtime.Instance;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Preview1 {@code args_get}, {@code args_sizes_get}, {@code environ_get},
 * {@code environ_sizes_get}: the configured arguments and environment variables ({@code NAME=value}),
 * each as a NUL-terminated UTF-8 string. The {@code *_sizes_get} functions store the count and the
 * total size of the strings (NULs included); the {@code *_get} functions store a pointer per
 * string in the first array and the strings one after the other in the buffer.
 */
final class ArgsEnvironment {
    /** The arguments, encoded with their NUL. */
    private final List<byte[]> args;
    /** The environment variables, encoded with their NUL. */
    private final List<byte[]> environment;

    ArgsEnvironment(WasiConfig config) {
        this.args = encode(config.args());
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : config.environment().entrySet()) {
            env.add(e.getKey() + "=" + e.getValue());
        }
        this.environment = encode(env);
    }

    /** {@code args_get(argv, argv_buf) -> errno}. */
    int argsGet(Instance caller, int argv, int argvBuf) {
        return get(WasiContext.memory(caller), args, argv, argvBuf);
    }

    /** {@code args_sizes_get(argc_out, argv_buf_size_out) -> errno}. */
    int argsSizesGet(Instance caller, int countOut, int sizeOut) {
        return sizes(WasiContext.memory(caller), args, countOut, sizeOut);
    }

    /** {@code environ_get(environ, environ_buf) -> errno}. */
    int environGet(Instance caller, int environ, int environBuf) {
        return get(WasiContext.memory(caller), environment, environ, environBuf);
    }

    /** {@code environ_sizes_get(count_out, buf_size_out) -> errno}. */
    int environSizesGet(Instance caller, int countOut, int sizeOut) {
        return sizes(WasiContext.memory(caller), environment, countOut, sizeOut);
    }

    private static int get(GuestMemory memory, List<byte[]> strings, int pointers, int buffer) {
        memory.checkArray(pointers, strings.size(), 4);
        memory.check(buffer, totalSize(strings));
        int at = buffer;
        for (int i = 0; i < strings.size(); i++) {
            byte[] s = strings.get(i);
            memory.putU32(pointers + 4 * i, at);
            memory.write(at, s);
            at += s.length;
        }
        return Errno.SUCCESS;
    }

    private static int sizes(GuestMemory memory, List<byte[]> strings, int countOut, int sizeOut) {
        memory.check(countOut, 4);
        memory.check(sizeOut, 4);
        memory.putU32(countOut, strings.size());
        memory.putU32(sizeOut, (int) totalSize(strings));
        return Errno.SUCCESS;
    }

    private static long totalSize(List<byte[]> strings) {
        long n = 0;
        for (byte[] s : strings) {
            n += s.length;
        }
        return n;
    }

    private static List<byte[]> encode(List<String> strings) {
        List<byte[]> result = new ArrayList<>();
        for (String s : strings) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            byte[] withNul = new byte[utf8.length + 1];
            System.arraycopy(utf8, 0, withNul, 0, utf8.length);
            result.add(withNul);
        }
        return result;
    }
}
