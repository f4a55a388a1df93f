package dev.airlock.wasm.script;

import dev.airlock.wasm.InvalidModuleException;
import dev.airlock.wasm.LinkException;
import dev.airlock.wasm.MalformedModuleException;
import dev.airlock.wasm.Trap;
import dev.airlock.wasm.TrapKind;
import dev.airlock.wasm.WasmException;
import dev.airlock.wasm.WasmModule;
import dev.airlock.wasm.compile.CompilerOptions;
import dev.airlock.wasm.runtime.FunctionInstance;
import dev.airlock.wasm.runtime.Global;
import dev.airlock.wasm.runtime.Imports;
import dev.airlock.wasm.runtime.Instance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one script of the official testsuite in its wast2json form (a JSON list of commands plus
 * binary modules; see the testsuite's README), the way the reference interpreter's script runner
 * does: modules are instantiated in order, can be named and registered for import, and every
 * assertion is checked against the engine.
 *
 * <p>Every command yields a {@link CommandResult}: passed, failed (with the reason) or skipped
 * (text-format modules, which need a text parser, and whole SIMD scripts).
 */
public final class SpecScript {
    /** The outcome of one command. */
    public enum Outcome {
        /** The engine did what the command expects. */
        PASSED,
        /** The engine did something else; the result's message says what. */
        FAILED,
        /** The command was not run (text-format module, or a SIMD script). */
        SKIPPED
    }

    /**
     * The outcome of one command of a script.
     *
     * @param line the command's line in the .wast source
     * @param type the command type, e.g. {@code assert_return}
     * @param outcome passed, failed or skipped
     * @param message why it failed or was skipped; empty when it passed
     */
    public record CommandResult(int line, String type, Outcome outcome, String message) {
        @Override
        public String toString() {
            return "line " + line + " " + type + ": " + outcome + (message.isEmpty() ? "" : " (" + message + ")");
        }
    }

    /** A command failed; carries the reason up to {@link #run}. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** The folder of the JSON file; module file names are relative to it. */
    private final Path folder;
    /** Named module instances ({@code "$M1"}). */
    private final Map<String, Instance> named = new HashMap<>();
    /** What modules can import: {@code spectest} and every registered instance. */
    private final Imports imports = new Imports();
    /** The most recently instantiated module, or null. */
    private Instance current;
    /** How modules are compiled. */
    private final CompilerOptions options;

    private SpecScript(Path folder, CompilerOptions options) {
        this.folder = folder;
        this.options = options;
        SpectestModule.register(imports);
    }

    /**
     * Runs the script {@code json}.
     *
     * @param skipAll run nothing and report every command skipped (used for SIMD scripts)
     * @param options how to compile the script's modules
     */
    public static List<CommandResult> run(Path json, boolean skipAll, CompilerOptions options) throws IOException {
        Object parsed = Json.parse(Files.readString(json, StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        List<Object> commands = (List<Object>) ((Map<String, Object>) parsed).get("commands");
        SpecScript script = new SpecScript(json.getParent(), options);
        List<CommandResult> results = new ArrayList<>();
        for (Object c : commands) {
            @SuppressWarnings("unchecked")
            Map<String, Object> command = (Map<String, Object>) c;
            String type = (String) command.get("type");
            int line = ((Number) command.get("line")).intValue();
            if (skipAll) {
                results.add(new CommandResult(line, type, Outcome.SKIPPED, "SIMD is not supported yet"));
                continue;
            }
            if ("text".equals(command.get("module_type"))) {
                results.add(new CommandResult(line, type, Outcome.SKIPPED, "text-format module"));
                continue;
            }
            try {
                script.execute(type, command);
                results.add(new CommandResult(line, type, Outcome.PASSED, ""));
            } catch (Failure f) {
                results.add(new CommandResult(line, type, Outcome.FAILED, f.getMessage()));
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                results.add(new CommandResult(line, type, Outcome.FAILED, "unexpected " + e));
            }
        }
        return results;
    }

    @SuppressWarnings("unchecked")
    private void execute(String type, Map<String, Object> command) throws Failure, IOException {
        switch (type) {
            case "module": {
                current = null;
                Instance instance = instantiate(compile(command), "module");
                current = instance;
                Object name = command.get("name");
                if (name != null) {
                    named.put((String) name, instance);
                }
                return;
            }
            case "register": {
                Instance instance = instance((String) command.get("name"));
                imports.instance((String) command.get("as"), instance);
                return;
            }
            case "action":
                perform((Map<String, Object>) command.get("action"));
                return;
            case "assert_return": {
                Object[] actual = perform((Map<String, Object>) command.get("action"));
                String mismatch = ScriptValues.resultsMismatch((List<Object>) command.get("expected"), actual);
                if (mismatch != null) {
                    throw new Failure(mismatch);
                }
                return;
            }
            case "assert_trap":
            case "assert_exhaustion": {
                String text = (String) command.get("text");
                try {
                    Object[] actual = performRaw((Map<String, Object>) command.get("action"));
                    throw new Failure("expected trap \"" + text + "\", got " + ScriptValues.describe(actual));
                } catch (Trap t) {
                    checkTrap(text, t);
                }
                return;
            }
            case "assert_invalid":
                expectCompileFailure(command, InvalidModuleException.class);
                return;
            case "assert_malformed":
                expectCompileFailure(command, MalformedModuleException.class);
                return;
            case "assert_unlinkable": {
                WasmModule module = compile(command);
                try {
                    module.instantiate(imports);
                    throw new Failure("expected unlinkable \"" + command.get("text") + "\", instantiated");
                } catch (LinkException e) {
                    return;
                } catch (Trap t) {
                    throw new Failure("expected unlinkable, trapped: " + t.getMessage());
                }
            }
            case "assert_uninstantiable": {
                WasmModule module = compile(command);
                try {
                    module.instantiate(imports);
                    throw new Failure("expected instantiation to trap \"" + command.get("text") + "\", it did not");
                } catch (Trap t) {
                    checkTrap((String) command.get("text"), t);
                    return;
                } catch (LinkException e) {
                    throw new Failure("expected trap, link failed: " + e.getMessage());
                }
            }
            default:
                throw new Failure("unknown command type " + type);
        }
    }

    private WasmModule compile(Map<String, Object> command) throws Failure, IOException {
        byte[] bytes = Files.readAllBytes(folder.resolve((String) command.get("filename")));
        try {
            return WasmModule.compile(bytes, options);
        } catch (WasmException e) {
            throw new Failure("module did not compile: " + e.getMessage());
        }
    }

    private Instance instantiate(WasmModule module, String what) throws Failure {
        try {
            return module.instantiate(imports);
        } catch (WasmException e) {
            throw new Failure(what + " did not instantiate: " + e.getMessage());
        }
    }

    private void expectCompileFailure(Map<String, Object> command, Class<? extends WasmException> expected)
            throws Failure, IOException {
        byte[] bytes = Files.readAllBytes(folder.resolve((String) command.get("filename")));
        try {
            WasmModule.compile(bytes, options);
        } catch (WasmException e) {
            if (!expected.isInstance(e)) {
                throw new Failure("expected " + expected.getSimpleName() + " \"" + command.get("text") + "\", got "
                        + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return;
        }
        throw new Failure("expected " + expected.getSimpleName() + " \"" + command.get("text") + "\", module compiled");
    }

    private static void checkTrap(String text, Trap t) throws Failure {
        TrapKind expected = trapKindFor(text);
        if (expected == null) {
            throw new Failure("no trap kind for \"" + text + "\"");
        }
        if (t.kind() != expected) {
            throw new Failure("expected trap \"" + text + "\", got " + t.kind() + ": " + t.getMessage());
        }
    }

    /** The trap kind whose reference-interpreter message starts {@code text}, or null. */
    static TrapKind trapKindFor(String text) {
        for (TrapKind kind : TrapKind.values()) {
            if (text.startsWith(kind.specText)) {
                return kind;
            }
        }
        return null;
    }

    /** Performs an action; a trap is a failure. */
    private Object[] perform(Map<String, Object> action) throws Failure {
        try {
            return performRaw(action);
        } catch (Trap t) {
            throw new Failure("trapped: " + t.getMessage());
        }
    }

    /** Performs an action, letting a trap through. */
    @SuppressWarnings("unchecked")
    private Object[] performRaw(Map<String, Object> action) throws Failure {
        Instance instance = instance((String) action.get("module"));
        String field = (String) action.get("field");
        Object export = instance.exports().get(field);
        switch ((String) action.get("type")) {
            case "invoke": {
                if (!(export instanceof FunctionInstance)) {
                    throw new Failure("no exported function \"" + field + "\"");
                }
                List<Object> args = (List<Object>) action.get("args");
                Object[] values = new Object[args.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = ScriptValues.argument((Map<String, Object>) args.get(i));
                }
                return ((FunctionInstance) export).call(values);
            }
            case "get":
                if (!(export instanceof Global)) {
                    throw new Failure("no exported global \"" + field + "\"");
                }
                return new Object[] {((Global) export).get()};
            default:
                throw new Failure("unknown action " + action.get("type"));
        }
    }

    private Instance instance(String name) throws Failure {
        Instance instance = name == null ? current : named.get(name);
        if (instance == null) {
            throw new Failure(name == null ? "no current module" : "no module named " + name);
        }
        return instance;
    }
}
