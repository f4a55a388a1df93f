package dev.airlock.cli;

import dev.airlock.wasm.LinkException;
import dev.airlock.wasm.Trap;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.runtime.Imports;
import dev.airlock.wasm.runtime.Instance;
import dev.airlock.wasm.wasi.Wasi;
import dev.airlock.wasm.wasi.WasiConfig;
import dev.airlock.wasm.wasi.WasiExit;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The WASI mode of {@code airlock run} (no {@code --invoke}): runs a WASI preview1 command module
 * ({@code _start}) with the arguments after the file, the directories of {@code --dir} /
 * {@code --dir-ro} and the variables of {@code --env} — nothing else is granted — passing its
 * standard streams through, and exits with the program's exit status.
 */
final class WasiRun {
    /** The export that makes a module a WASI command. */
    static final String START = "_start";

    /**
     * A directory to grant, from {@code --dir HOST::GUEST} or {@code --dir-ro HOST::GUEST}.
     *
     * @param host the directory on the host
     * @param guest the name the program sees it under (HOST when {@code ::GUEST} is left out)
     * @param readOnly whether it is granted read-only
     */
    record Dir(String host, String guest, boolean readOnly) {
        /**
         * Parses {@code HOST::GUEST} (or {@code HOST}).
         *
         * @throws UsageException if HOST or GUEST is empty
         */
        static Dir parse(String option, String value, boolean readOnly) throws UsageException {
            int sep = value.indexOf("::");
            String host = sep < 0 ? value : value.substring(0, sep);
            String guest = sep < 0 ? value : value.substring(sep + 2);
            if (host.isEmpty() || guest.isEmpty()) {
                throw new UsageException(option + " needs HOST::GUEST (or HOST), got '" + value + "'");
            }
            return new Dir(host, guest, readOnly);
        }
    }

    /** What the command line grants the program. */
    static final class Grants {
        /** The arguments after the file (the program name, FILE as given, comes first). */
        final List<String> args = new ArrayList<>();
        /** The directories, in order (descriptors 3, 4, ...). */
        final List<Dir> dirs = new ArrayList<>();
        /** The environment variables, in order. */
        final Map<String, String> env = new LinkedHashMap<>();

        /** Whether anything WASI-specific was given (which {@code --invoke} does not take). */
        boolean anyOption() {
            return !dirs.isEmpty() || !env.isEmpty();
        }
    }

    private WasiRun() {
    }

    /** Whether {@code module} exports a function {@code _start}. */
    static boolean isCommand(WasmModule module) {
        return module.exports().stream().anyMatch(e -> e.name().equals(START)
                && e.kind() == dev.airlock.wasm.ExternKind.FUNCTION);
    }

    /**
     * Runs {@code module} as a WASI command.
     *
     * @param file the module file as given (the program's name, {@code argv[0]})
     * @param stubImports whether imports other than WASI are stubbed (see {@link StubImports})
     * @return the program's exit status, or {@link ExitStatus#BAD_INPUT} / {@link ExitStatus#TRAP}
     */
    static int run(WasmModule module, Path file, Grants grants, boolean stubImports, InputStream in, PrintStream out,
            PrintStream err) {
        WasiConfig.Builder config = WasiConfig.builder().stdin(in).stdout(out).stderr(err);
        List<String> argv = new ArrayList<>();
        argv.add(file.toString());
        argv.addAll(grants.args);
        try {
            config.args(argv).environment(grants.env);
        } catch (IllegalArgumentException e) {
            err.println("bad argument or variable: " + Diagnostics.oneLine(e));
            return ExitStatus.BAD_INPUT;
        }
        for (Dir d : grants.dirs) {
            Path host = Paths.get(d.host());
            if (!Files.isDirectory(host)) {
                err.println("cannot preopen " + d.host() + ": "
                        + (Files.exists(host) ? "not a directory" : "no such file or directory"));
                return ExitStatus.BAD_INPUT;
            }
            try {
                config.preopen(host, d.guest(), d.readOnly());
            } catch (IllegalArgumentException e) {
                err.println(Diagnostics.oneLine(e));
                return ExitStatus.BAD_INPUT;
            }
        }
        try (Wasi wasi = new Wasi(config.build())) {
            Imports imports = wasi.addTo(new Imports());
            if (stubImports) {
                StubImports.addStubs(module, imports, out);
            }
            Instance instance = module.instantiate(imports);
            return wasi.runCommand(instance);
        } catch (LinkException e) {
            err.println("unlinkable: " + Diagnostics.oneLine(e)
                    + (stubImports ? "" : " (only " + Wasi.MODULE + " is provided; --stub-imports stubs the rest)"));
            return ExitStatus.BAD_INPUT;
        } catch (WasiExit e) {
            return e.status(); // proc_exit in the start function
        } catch (Trap t) {
            out.flush();
            err.println("trap: " + t.kind().name().toLowerCase(Locale.ROOT) + ": " + Diagnostics.oneLine(t));
            return ExitStatus.TRAP;
        }
    }
}
