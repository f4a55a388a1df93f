package dev.airlock.wasm.wasi;

import dev.airlock.wasm.FuncType;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.runtime.FunctionInstance;
import dev.airlock.wasm.runtime.Imports;
import dev.airlock.wasm.runtime.Instance;
import java.util.List;

/**
 * WASI preview1 ({@code wasi_snapshot_preview1}) for one module instance: the host functions a
 * module compiled for {@code wasm32-wasi} (e.g. by {@code clang --target=wasm32-wasi} with
 * wasi-libc) imports, implemented over a {@link WasiConfig} that says what the program is granted.
 *
 * <pre>{@code
 * WasiConfig config = WasiConfig.builder().args("prog", "x").stdout(System.out).build();
 * int status = Wasi.run(WasmModule.compile(bytes), config);          // a command: runs _start
 *
 * Wasi wasi = new Wasi(config);                                       // or step by step
 * Instance instance = module.instantiate(wasi.addTo(new Imports()));
 * int status = wasi.runCommand(instance);
 * }</pre>
 *
 * <p><b>Sandbox.</b> The program sees only what the configuration grants: its arguments and
 * environment, three standard streams, and the preopened directories. Every path is resolved
 * inside its preopened directory, component by component and without following a symbolic link
 * that leads out ({@code ..} above the root, absolute paths and escaping links are
 * {@code notcapable}); a read-only preopen refuses every modification. There are no sockets and
 * no signals. Bad pointers and lengths give {@code fault}; unsupported requests return their
 * errno. Nothing but a {@link dev.airlock.wasm.Trap} ever reaches the module's caller: a
 * {@link WasiExit} for {@code proc_exit}, {@code interrupted} when the instance is interrupted
 * during a sleep, {@code host_error} for a bug.
 *
 * <p><b>One {@code Wasi} per instance.</b> It holds the descriptor table, so it serves the first
 * instance that calls it (a call from another instance traps). Not thread-safe, like instances.
 *
 * <p>Each function's behaviour is documented by its implementation class: {@code ArgsEnvironment},
 * {@code Clocks}, {@code ReadWrite}, {@code FdFunctions}, {@code DirectoryListing},
 * {@code PathFunctions} (with {@code PathResolver}), {@code Poll}, {@code ProcFunctions},
 * {@code Sockets}.
 */
public final class Wasi implements AutoCloseable {
    /** The import module name of preview1. */
    public static final String MODULE = "wasi_snapshot_preview1";

    /** The configuration, descriptor table and buffers. */
    private final WasiContext context;
    /** The bound functions. */
    private final List<Preview1Functions.Function> functions;

    /** A WASI environment granting what {@code config} grants. */
    public Wasi(WasiConfig config) {
        this.context = new WasiContext(config);
        this.functions = Preview1Functions.bind(context);
    }

    /** The names of the 46 preview1 functions {@link #addTo} registers, in the order of the witx file. */
    public static List<String> functionNames() {
        return Preview1Functions.NAMES;
    }

    /** Registers every preview1 function under module {@value #MODULE} in {@code imports}; returns it. */
    public Imports addTo(Imports imports) {
        for (Preview1Functions.Function f : functions) {
            imports.function(MODULE, f.name(), f.function());
        }
        return imports;
    }

    /**
     * Runs a command module: calls its {@code _start} export and returns the exit status — 0 if
     * {@code _start} returns, the status given to {@code proc_exit} otherwise. Afterwards the
     * files and directories the program left open are closed (the standard streams are flushed,
     * never closed).
     *
     * @throws IllegalArgumentException if the instance exports no {@code _start} of type
     *     {@code () -> ()}
     * @throws dev.airlock.wasm.Trap if the program traps
     */
    public int runCommand(Instance instance) {
        FunctionInstance start = entryPoint(instance, "_start");
        if (start == null) {
            throw new IllegalArgumentException("not a WASI command: no _start function of type () -> () exported");
        }
        context.bind(instance);
        try {
            start.call();
            return 0;
        } catch (WasiExit e) {
            return e.status();
        } finally {
            close();
        }
    }

    /**
     * Initialises a reactor module (a library): calls its {@code _initialize} export if it has
     * one. Its other exports may be called afterwards; the descriptor table stays until
     * {@link #close()}. A {@code proc_exit} during initialisation reaches the caller as
     * {@link WasiExit}.
     *
     * @throws dev.airlock.wasm.Trap if initialisation traps
     */
    public void initialize(Instance instance) {
        context.bind(instance);
        FunctionInstance init = entryPoint(instance, "_initialize");
        if (init != null) {
            init.call();
        }
    }

    /**
     * Compiles nothing, links {@code module} with a new {@code Wasi} for {@code config} (and no
     * other imports), instantiates it and runs it as a command.
     *
     * @return the exit status
     * @throws dev.airlock.wasm.LinkException if the module needs other imports
     * @throws dev.airlock.wasm.Trap if instantiation or the program traps
     */
    public static int run(WasmModule module, WasiConfig config) {
        try (Wasi wasi = new Wasi(config)) {
            Instance instance = module.instantiate(wasi.addTo(new Imports()));
            return wasi.runCommand(instance);
        }
    }

    /**
     * Closes every descriptor the program has open (files are closed on the host; the standard
     * streams are left open). Later calls find no descriptors ({@code badf}).
     */
    @Override
    public void close() {
        context.fds.closeAll();
    }

    /** The export {@code name} if it is a function of type {@code () -> ()}, else null. */
    private static FunctionInstance entryPoint(Instance instance, String name) {
        Object e = instance.exports().get(name);
        if (e instanceof FunctionInstance) {
            FunctionInstance f = (FunctionInstance) e;
            if (f.type().equals(FuncType.of(new dev.airlock.wasm.ValType[0], new dev.airlock.wasm.ValType[0]))) {
                return f;
            }
        }
        return null;
    }
}
