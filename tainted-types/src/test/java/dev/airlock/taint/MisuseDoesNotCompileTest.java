package dev.airlock.taint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Misuse of tainted values is a compile error: each snippet below is compiled by javac against
 * this module's classes and must fail with the expected diagnostic (kind ERROR, javac's
 * locale-independent diagnostic code, and a part of the English message). One correct snippet
 * compiles, which proves the harness itself (class path, imports) is sound.
 */
class MisuseDoesNotCompileTest {
    /** A snippet placed in a method body with {@code t} (TaintedInt), {@code p} (TaintedPointer<Integer>) and friends in scope. */
    record Misuse(String name, String body, String code, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Misuse> misuses() {
        return List.of(
                new Misuse("assign a TaintedInt to an int", "int x = t;",
                        "compiler.err.prob.found.req", "TaintedInt cannot be converted to int"),
                new Misuse("cast a TaintedInt to int", "int x = (int) t;",
                        "compiler.err.prob.found.req", "TaintedInt cannot be converted to int"),
                new Misuse("unbox a TaintedInt as Integer", "Integer x = t;",
                        "compiler.err.prob.found.req", "TaintedInt cannot be converted to java.lang.Integer"),
                new Misuse("call a nonexistent getter", "int x = t.get();",
                        "compiler.err.cant.resolve.location.args", "cannot find symbol"),
                new Misuse("call intValue as if it were a Number", "int x = t.intValue();",
                        "compiler.err.cant.resolve.location.args", "cannot find symbol"),
                new Misuse("read the private field", "int x = t.value;",
                        "compiler.err.report.access", "value has private access"),
                new Misuse("use it in arithmetic", "int x = t + 1;",
                        "compiler.err.operator.cant.be.applied.1", "bad operand types for binary operator '+'"),
                new Misuse("compare it with ==", "boolean b = t == 5;",
                        "compiler.err.operator.cant.be.applied.1", "bad operand types for binary operator '=='"),
                new Misuse("branch on it", "if (t.isEqualTo(5)) { }",
                        "compiler.err.prob.found.req", "TaintedBoolean cannot be converted to boolean"),
                new Misuse("loop on it", "while (t.isLessThan(5)) { }",
                        "compiler.err.prob.found.req", "TaintedBoolean cannot be converted to boolean"),
                new Misuse("index an array with it", "int[] a = new int[4]; int x = a[t];",
                        "compiler.err.prob.found.req", "TaintedInt cannot be converted to int"),
                new Misuse("size an array with it", "byte[] a = new byte[t];",
                        "compiler.err.prob.found.req", "TaintedInt cannot be converted to int"),
                new Misuse("pass a TaintedPointer where a long is expected", "takesLong(p);",
                        "compiler.err.prob.found.req", "TaintedPointer<java.lang.Integer> cannot be converted to long"),
                new Misuse("pass a TaintedInt where an int is expected", "takesInt(t);",
                        "compiler.err.prob.found.req", "TaintedInt cannot be converted to int"),
                new Misuse("subclass a tainted class", "class Leak extends TaintedInt { }",
                        "compiler.err.cant.inherit.from.final", "cannot inherit from final"),
                new Misuse("subclass a tainted pointer", "class Leak extends TaintedPointer<Integer> { }",
                        "compiler.err.cant.inherit.from.final", "cannot inherit from final"),
                new Misuse("construct one directly", "TaintedInt x = new TaintedInt(5);",
                        "compiler.err.report.access", "has private access"),
                new Misuse("take the value of a copied struct", "String s = copy;",
                        "compiler.err.prob.found.req", "cannot be converted to java.lang.String"),
                new Misuse("verify a boolean hint", "boolean b = hint.verify(true, \"x\");",
                        "compiler.err.cant.resolve.location.args", "cannot find symbol"),
                new Misuse("branch on a boolean hint", "if (hint) { }",
                        "compiler.err.prob.found.req", "TaintedBooleanHint cannot be converted to boolean"),
                new Misuse("read a volatile view without copying", "int x = v;",
                        "compiler.err.prob.found.req", "cannot be converted to int"),
                new Misuse("construct a volatile view", "TaintedVolatile<Integer> w = new TaintedVolatile<>(null, 0, null);",
                        "compiler.err.not.def.public.cant.access", "is not public"),
                new Misuse("escape without a reason", "int x = t.unverifiedSafeBecause();",
                        "compiler.err.cant.apply.symbol", "unverifiedSafeBecause"),
                new Misuse("take a pointer's raw address without a reason", "long a = p.addressIn(null);",
                        "compiler.err.not.def.public.cant.access", "is not public"),
                new Misuse("take a pointer's raw memory without a reason", "SandboxMemory m = p.memory();",
                        "compiler.err.not.def.public.cant.access", "is not public"),
                new Misuse("read memory at a tainted address without a reason",
                        "int x = p.unverifiedMemoryBecause().getInt(0);",
                        "compiler.err.cant.apply.symbol", "unverifiedMemoryBecause"),
                new Misuse("use a tainted long as a size", "long n = TaintedLong.of(3L) * 2;",
                        "compiler.err.operator.cant.be.applied.1", "bad operand types for binary operator '*'"),
                new Misuse("use a tainted double in a condition", "if (TaintedDouble.of(1.0).isNaN()) { }",
                        "compiler.err.prob.found.req", "TaintedBoolean cannot be converted to boolean"));
    }

    private static String source(String body) {
        return "package probe;\n"
                + "import dev.airlock.taint.*;\n"
                + "public class Probe {\n"
                + "    static void takesLong(long a) { }\n"
                + "    static void takesInt(int a) { }\n"
                + "    void run(TaintedInt t, TaintedPointer<Integer> p, Tainted<String> copy,\n"
                + "             TaintedBooleanHint hint, TaintedVolatile<Integer> v) {\n"
                + "        " + body + "\n"
                + "    }\n"
                + "}\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misuses")
    void misuseIsACompileError(Misuse misuse) throws IOException {
        List<Diagnostic<? extends JavaFileObject>> errors = compile(source(misuse.body()));
        assertFalse(errors.isEmpty(), "compiled, but should not have: " + misuse.body());
        String all = errors.stream().map(d -> d.getCode() + ": " + d.getMessage(Locale.ENGLISH)).collect(Collectors.joining("\n"));
        Diagnostic<? extends JavaFileObject> first = errors.get(0);
        assertEquals(Diagnostic.Kind.ERROR, first.getKind());
        assertEquals(misuse.code(), first.getCode(), all);
        assertTrue(first.getMessage(Locale.ENGLISH).contains(misuse.message()), all);
    }

    @Test
    void correctUseCompiles() throws IOException {
        String body = "int w = t.verifyRange(1, 16384, \"width\");\n"
                + "        int h = t.verify(x -> x > 0, \"height > 0\");\n"
                + "        long size = t.toLong().timesExact(h).verify(s -> s < (1L << 30), \"size\");\n"
                + "        int[] a = new int[t.verifyRange(0, 16, \"count\")];\n"
                + "        int x = a[t.verifyRange(0, a.length - 1, \"index\")];\n"
                + "        if (t.isEqualTo(5).unverifiedSafeBecause(\"only picks a log level\")) { }\n"
                + "        if (p.isNullPointer()) { return; }\n"
                + "        int first = p.read().verify(y -> y >= 0, \"non-negative\");\n"
                + "        int cur = v.copyAndVerify(y -> y < 10, \"small\");\n"
                + "        String s = copy.verify(c -> c.length() < 80, \"short\");\n"
                + "        boolean stale = hint.unverifiedSafeBecause(\"progress bar only\");\n"
                + "        SandboxMemory raw = p.unverifiedMemoryBecause(\"handed back to the library\");\n"
                + "        takesLong(p.unverifiedAddressBecause(raw, \"passed straight back to the library\"));\n"
                + "        takesInt(t.unverifiedSafeBecause(\"passed straight back to the library\"));";
        List<Diagnostic<? extends JavaFileObject>> errors = compile(source(body));
        assertTrue(errors.isEmpty(), () -> errors.stream().map(d -> d.getMessage(Locale.ENGLISH)).collect(Collectors.joining("\n")));
    }

    /** Compiles one source in memory against the test class path; returns the errors. */
    private static List<Diagnostic<? extends JavaFileObject>> compile(String source) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK, not a JRE");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///probe/Probe.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ENGLISH, null);
             JavaFileManager discarding = new DiscardingFileManager(standard)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path") + File.pathSeparator
                    + Path.of("target", "classes"), "-proc:none", "-Xlint:none", "--release", "17");
            javac.getTask(null, discarding, diagnostics, options, null, List.of(file)).call();
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .collect(Collectors.toList());
    }

    /** Writes class files nowhere: only the diagnostics matter. */
    private static final class DiscardingFileManager extends ForwardingJavaFileManager<JavaFileManager> {
        DiscardingFileManager(JavaFileManager delegate) {
            super(delegate);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return OutputStream.nullOutputStream();
                }
            };
        }
    }
}
