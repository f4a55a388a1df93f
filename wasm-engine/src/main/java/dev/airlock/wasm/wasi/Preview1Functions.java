package dev.airlock.wasm.wasi;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.ValType;
import dev.airlock.wasm.runtime.HostFunction;
import dev.airlock.wasm.runtime.Instance;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The 46 functions of module {@code wasi_snapshot_preview1} ({@code wasi_snapshot_preview1.witx})
 * with their core Wasm signatures, bound to their implementations.
 *
 * <p>Signatures: every function takes i32s (pointers, lengths, descriptors, flags and enums of up
 * to 32 bits) and i64s (64-bit values: file sizes, offsets, timestamps, rights) in the order of the
 * witx parameters, followed by one i32 pointer per result, and returns its {@code errno} as an
 * i32; {@code proc_exit} returns nothing.
 *
 * <p>Each implementation is a method taking the calling {@link Instance} first (to reach its
 * memory), adapted with {@link HostFunction#wrap} (no boxing) and wrapped in a guard that turns
 * an {@link ErrnoException}, a host I/O failure or a bad memory range into the errno it returns
 * ({@link Errno#fromThrowable}). Only traps leave a function: {@link WasiExit} from
 * {@code proc_exit}, {@code interrupted} from a sleep, and {@code host_error} for a bug.
 */
final class Preview1Functions {
    /** A function ready to import. */
    record Function(String name, HostFunction function) {
    }

    /** Errno.fromThrowable as (Throwable) int. */
    private static final MethodHandle FROM_THROWABLE;
    /** WasiContext.bind as (WasiContext, Instance) void. */
    private static final MethodHandle BIND;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            FROM_THROWABLE = lookup.findStatic(Errno.class, "fromThrowable", MethodType.methodType(int.class, Throwable.class));
            BIND = lookup.findVirtual(WasiContext.class, "bind", MethodType.methodType(void.class, Instance.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Shorthand for {@link ValType#I32}. */
    private static final ValType I32 = ValType.I32;
    /** Shorthand for {@link ValType#I64}. */
    private static final ValType I64 = ValType.I64;

    /** The names of all functions, in witx order. */
    static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (Function f : bind(new WasiContext(WasiConfig.builder().build()))) {
            names.add(f.name());
        }
        NAMES = Collections.unmodifiableList(names);
    }

    private Preview1Functions() {
    }

    /** Every function, implemented on {@code context}. */
    static List<Function> bind(WasiContext context) {
        List<Function> out = new ArrayList<>();
        ArgsEnvironment args = new ArgsEnvironment(context.config);
        Clocks clocks = new Clocks(context.config.clock());
        FdFunctions fd = new FdFunctions(context);
        ReadWrite rw = new ReadWrite(context);
        DirectoryListing dirs = new DirectoryListing(context);
        PathFunctions path = new PathFunctions(context);
        Poll poll = new Poll(context);
        ProcFunctions proc = new ProcFunctions(context);
        Sockets sockets = new Sockets(context);

        add(out, context, "args_get", args, "argsGet", I32, I32);
        add(out, context, "args_sizes_get", args, "argsSizesGet", I32, I32);
        add(out, context, "environ_get", args, "environGet", I32, I32);
        add(out, context, "environ_sizes_get", args, "environSizesGet", I32, I32);
        add(out, context, "clock_res_get", clocks, "clockResGet", I32, I32);
        add(out, context, "clock_time_get", clocks, "clockTimeGet", I32, I64, I32);
        add(out, context, "fd_advise", fd, "fdAdvise", I32, I64, I64, I32);
        add(out, context, "fd_allocate", fd, "fdAllocate", I32, I64, I64);
        add(out, context, "fd_close", fd, "fdClose", I32);
        add(out, context, "fd_datasync", fd, "fdDatasync", I32);
        add(out, context, "fd_fdstat_get", fd, "fdFdstatGet", I32, I32);
        add(out, context, "fd_fdstat_set_flags", fd, "fdFdstatSetFlags", I32, I32);
        add(out, context, "fd_fdstat_set_rights", fd, "fdFdstatSetRights", I32, I64, I64);
        add(out, context, "fd_filestat_get", fd, "fdFilestatGet", I32, I32);
        add(out, context, "fd_filestat_set_size", fd, "fdFilestatSetSize", I32, I64);
        add(out, context, "fd_filestat_set_times", fd, "fdFilestatSetTimes", I32, I64, I64, I32);
        add(out, context, "fd_pread", rw, "fdPread", I32, I32, I32, I64, I32);
        add(out, context, "fd_prestat_get", fd, "fdPrestatGet", I32, I32);
        add(out, context, "fd_prestat_dir_name", fd, "fdPrestatDirName", I32, I32, I32);
        add(out, context, "fd_pwrite", rw, "fdPwrite", I32, I32, I32, I64, I32);
        add(out, context, "fd_read", rw, "fdRead", I32, I32, I32, I32);
        add(out, context, "fd_readdir", dirs, "fdReaddir", I32, I32, I32, I64, I32);
        add(out, context, "fd_renumber", fd, "fdRenumber", I32, I32);
        add(out, context, "fd_seek", rw, "fdSeek", I32, I64, I32, I32);
        add(out, context, "fd_sync", fd, "fdSync", I32);
        add(out, context, "fd_tell", rw, "fdTell", I32, I32);
        add(out, context, "fd_write", rw, "fdWrite", I32, I32, I32, I32);
        add(out, context, "path_create_directory", path, "pathCreateDirectory", I32, I32, I32);
        add(out, context, "path_filestat_get", path, "pathFilestatGet", I32, I32, I32, I32, I32);
        add(out, context, "path_filestat_set_times", path, "pathFilestatSetTimes", I32, I32, I32, I32, I64, I64, I32);
        add(out, context, "path_link", path, "pathLink", I32, I32, I32, I32, I32, I32, I32);
        add(out, context, "path_open", path, "pathOpen", I32, I32, I32, I32, I32, I64, I64, I32, I32);
        add(out, context, "path_readlink", path, "pathReadlink", I32, I32, I32, I32, I32, I32);
        add(out, context, "path_remove_directory", path, "pathRemoveDirectory", I32, I32, I32);
        add(out, context, "path_rename", path, "pathRename", I32, I32, I32, I32, I32, I32);
        add(out, context, "path_symlink", path, "pathSymlink", I32, I32, I32, I32, I32);
        add(out, context, "path_unlink_file", path, "pathUnlinkFile", I32, I32, I32);
        add(out, context, "poll_oneoff", poll, "pollOneoff", I32, I32, I32, I32);
        addVoid(out, context, "proc_exit", proc, "procExit", I32);
        add(out, context, "proc_raise", proc, "procRaise", I32);
        add(out, context, "sched_yield", proc, "schedYield");
        add(out, context, "random_get", proc, "randomGet", I32, I32);
        add(out, context, "sock_accept", sockets, "sockAccept", I32, I32, I32);
        add(out, context, "sock_recv", sockets, "sockRecv", I32, I32, I32, I32, I32, I32);
        add(out, context, "sock_send", sockets, "sockSend", I32, I32, I32, I32, I32);
        add(out, context, "sock_shutdown", sockets, "sockShutdown", I32, I32);
        return out;
    }

    /** Adds a function returning its errno. */
    private static void add(List<Function> out, WasiContext context, String name, Object target, String method,
            ValType... params) {
        MethodHandle h = implementation(target, method, int.class, params);
        MethodHandle handler = MethodHandles.dropArguments(FROM_THROWABLE, 1, h.type().parameterList());
        h = MethodHandles.catchException(h, Throwable.class, handler);
        out.add(new Function(name, HostFunction.wrap(FuncType.of(params, new ValType[] {I32}), bound(h, context))));
    }

    /** Adds a function without result ({@code proc_exit}). */
    private static void addVoid(List<Function> out, WasiContext context, String name, Object target, String method,
            ValType... params) {
        MethodHandle h = implementation(target, method, void.class, params);
        out.add(new Function(name, HostFunction.wrap(FuncType.of(params, new ValType[0]), bound(h, context))));
    }

    /** {@code target.method(Instance, params...)} as a handle. */
    private static MethodHandle implementation(Object target, String method, Class<?> returnType, ValType... params) {
        Class<?>[] types = new Class<?>[params.length + 1];
        types[0] = Instance.class;
        for (int i = 0; i < params.length; i++) {
            types[i + 1] = params[i] == I64 ? long.class : int.class;
        }
        try {
            return MethodHandles.lookup().findVirtual(target.getClass(), method, MethodType.methodType(returnType, types))
                    .bindTo(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no implementation " + method + " for a WASI function", e);
        }
    }

    /** {@code h} preceded by {@link WasiContext#bind} of its caller. */
    private static MethodHandle bound(MethodHandle h, WasiContext context) {
        return MethodHandles.foldArguments(h, BIND.bindTo(context));
    }
}
