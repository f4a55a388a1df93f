package dev.airlock.marshal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks {@link StructLayout} against the real compilers: for every test struct it writes the C
 * declaration and {@code _Static_assert}s that {@code sizeof}, {@code _Alignof} and every
 * {@code offsetof} equal what the layout computed, then compiles the file with gcc (x86-64, LP64)
 * and with clang for wasm32-wasi. Compiling is enough: a wrong number fails the static assertion,
 * and the compiler names it. Skipped when a compiler is missing (scripts/prerequisites.sh installs
 * both).
 */
class StructLayoutCompilerTest {
    @TempDir
    Path dir;

    @Test
    void gccAgreesOnLp64() throws Exception {
        assumeTrue(onPath("gcc"), "gcc not found: run scripts/prerequisites.sh to test layouts against it");
        assumeTrue(System.getProperty("os.arch").matches("amd64|x86_64"), "the LP64 layout is x86-64's; not on this host");
        compile(Abi.LP64, "gcc", "-std=c11", "-ffreestanding", "-c");
    }

    @Test
    void clangAgreesOnWasm32() throws Exception {
        assumeTrue(onPath("clang"), "clang not found: run scripts/prerequisites.sh to test layouts against it");
        compile(Abi.WASM32, "clang", "--target=wasm32-wasi", "-std=c11", "-ffreestanding", "-c");
    }

    @Test
    void theGeneratedFileFailsOnAWrongOffset() throws Exception {
        // Proves the check has teeth: the same harness with one wrong expectation must not compile.
        assumeTrue(onPath("clang"), "clang not found: run scripts/prerequisites.sh to test layouts against it");
        String source = header() + TestStructs.CASES.get(0).c() + "\n"
                + "_Static_assert(offsetof(struct Mixed, b) == 5, \"Mixed.b\");\n";
        Result r = run(source, "wrong.c", "clang", "--target=wasm32-wasi", "-std=c11", "-ffreestanding", "-c");
        assertNotEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("Mixed.b"), r.output);
    }

    private void compile(Abi abi, String... command) throws Exception {
        StringBuilder c = new StringBuilder(header());
        for (TestStructs.Case k : TestStructs.CASES) {
            c.append(k.c()).append('\n');
            StructLayout<?> layout = StructLayout.of(k.type().asSubclass(Record.class));
            String s = "struct " + k.type().getSimpleName();
            c.append(check("sizeof(" + s + ")", layout.size(abi), k.type().getSimpleName() + " size"));
            c.append(check("_Alignof(" + s + ")", layout.alignment(abi), k.type().getSimpleName() + " alignment"));
            for (StructField f : layout.fields(abi)) {
                c.append(check("offsetof(" + s + ", " + f.name() + ")", f.offset(),
                        k.type().getSimpleName() + "." + f.name() + " offset"));
            }
        }
        Result r = run(c.toString(), "layouts-" + abi.name().toLowerCase() + ".c", command);
        assertEquals(0, r.exit, () -> abi + " layouts disagree with " + command[0] + ":\n" + r.output + "\n" + c);
    }

    private static String header() {
        return "#include <stddef.h>\n#include <stdint.h>\n";
    }

    private static String check(String expression, long expected, String what) {
        return "_Static_assert(" + expression + " == " + expected + ", \"" + what + " is " + expected + " in Java\");\n";
    }

    private record Result(int exit, String output) {}

    private Result run(String source, String name, String... command) throws IOException, InterruptedException {
        Path file = dir.resolve(name);
        Files.writeString(file, source, StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.add(file.toString());
        cmd.add("-o");
        cmd.add(dir.resolve(name + ".o").toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command[0] + " timed out");
        }
        return new Result(p.exitValue(), output);
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
