package dev.airlock.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.taint.TaintedBoolean;
import dev.airlock.taint.TaintedByte;
import dev.airlock.taint.TaintedChar;
import dev.airlock.taint.TaintedInt;
import dev.airlock.taint.TaintedLong;
import dev.airlock.taint.TaintedPointer;
import dev.airlock.taint.TaintedShort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated bindings: every supported type on both backends, and the errors at bind time. */
class BindingGeneratorTest {
    /** Narrow and wide types mapped onto probe_add and probe_strlen with @Symbol. */
    public interface Conversions {
        @Symbol("probe_add")
        TaintedByte addAsByte(int a, int b);

        @Symbol("probe_add")
        TaintedShort addAsShort(int a, int b);

        @Symbol("probe_add")
        TaintedChar addAsChar(int a, int b);

        @Symbol("probe_add")
        TaintedBoolean addAsBoolean(int a, int b);

        @Symbol("probe_add")
        TaintedInt addNarrow(byte a, short b);

        @Symbol("probe_add")
        TaintedInt addUnsigned(char a, boolean b);

        @Symbol("probe_strlen")
        @SizeT
        TaintedLong length(TaintedPointer<Byte> s);

        @Symbol("probe_halve")
        dev.airlock.taint.TaintedFloat halve(float f);

        /** Default methods are not bound; they may use the bound ones. */
        default int twice(int x) {
            return addNarrow((byte) x, (short) x).unverifiedSafeBecause("test");
        }
    }

    public interface UnknownExport {
        TaintedInt no_such_function(int x);
    }

    public interface WrongWasmType {
        TaintedInt probe_add(long a, int b);
    }

    public interface PlainResult {
        int probe_add(int a, int b);
    }

    public interface StringParameter {
        TaintedInt probe_strlen(String s);
    }

    public interface CheckedException {
        TaintedInt probe_add(int a, int b) throws IOException;
    }

    public interface SizeOnInt {
        TaintedInt probe_add(@SizeT int a, int b);
    }

    public interface UnknownPointee {
        TaintedInt probe_strlen(TaintedPointer<String> s);
    }

    /** A callback interface used by the dump test only (adapters are generated once per interface). */
    public interface DumpedCallback {
        int f(TaintedInt x);
    }

    interface NotPublic {
        TaintedInt probe_add(int a, int b);
    }

    private static int v(TaintedInt t) {
        return t.unverifiedSafeBecause("test");
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void everySupportedTypeConvertsLikeC(boolean isolated) {
        try (Sandbox sandbox = Sandbox.create(Probes.library(isolated))) {
            Conversions c = sandbox.bind(Conversions.class);
            assertEquals((byte) 300, c.addAsByte(200, 100).unverifiedSafeBecause("test"));
            assertEquals((short) 70_000, c.addAsShort(60_000, 10_000).unverifiedSafeBecause("test"));
            assertEquals((char) 70_000, c.addAsChar(60_000, 10_000).unverifiedSafeBecause("test"));
            assertFalse(c.addAsBoolean(255, 1).unverifiedSafeBecause("test"), "bool is the low byte: 256 is false");
            assertTrue(c.addAsBoolean(1, 0).unverifiedSafeBecause("test"));
            assertEquals(-2 + -300, v(c.addNarrow((byte) -2, (short) -300)), "byte and short are sign-extended");
            assertEquals(0xFFFF + 1, v(c.addUnsigned((char) 0xFFFF, true)), "char is zero-extended, true is 1");
            assertEquals(2 * 21, c.twice(21));
            assertEquals(1.25f, c.halve(2.5f).unverifiedSafeBecause("test"));
            TaintedPointer<Byte> s = sandbox.malloc(6);
            sandbox.copyIn(s, "hello\0".getBytes(StandardCharsets.US_ASCII));
            assertEquals(5L, c.length(s).unverifiedSafeBecause("test"));
            sandbox.free(s);
            assertTrue(c.toString().contains(sandbox.name()), c.toString());
        }
    }

    @Test
    void unknownExportNamesTheMethodAndTheExports() {
        try (Sandbox sandbox = Sandbox.create(Probes.wasm())) {
            BindingException e = assertThrows(BindingException.class, () -> sandbox.bind(UnknownExport.class));
            assertTrue(e.getMessage().contains("UnknownExport.no_such_function(int)"), e.getMessage());
            assertTrue(e.getMessage().contains("probe_add"), "lists the exports: " + e.getMessage());
            assertTrue(e.getMessage().contains("@Symbol"), e.getMessage());
            assertEquals(SandboxState.OPEN, sandbox.state(), "a binding error does not hurt the sandbox");
        }
    }

    @Test
    void unknownNativeSymbolIsABindingError() {
        try (Sandbox sandbox = Sandbox.create(Probes.nativeLibrary())) {
            BindingException e = assertThrows(BindingException.class, () -> sandbox.bind(UnknownExport.class));
            assertTrue(e.getMessage().contains("no symbol \"no_such_function\""), e.getMessage());
        }
    }

    @Test
    void wasmTypeMismatchShowsBothTypes() {
        try (Sandbox sandbox = Sandbox.create(Probes.wasm())) {
            BindingException e = assertThrows(BindingException.class, () -> sandbox.bind(WrongWasmType.class));
            assertTrue(e.getMessage().contains("its type is (i32 i32) -> (i32)"), e.getMessage());
            assertTrue(e.getMessage().contains("the Java signature means (i64 i32) -> (i32)"), e.getMessage());
        }
    }

    @Test
    void unsupportedTypesAreNamed() {
        try (Sandbox sandbox = Sandbox.create(Probes.wasm())) {
            BindingException plain = assertThrows(BindingException.class, () -> sandbox.bind(PlainResult.class));
            assertTrue(plain.getMessage().contains("declare TaintedInt instead"), plain.getMessage());
            BindingException string = assertThrows(BindingException.class, () -> sandbox.bind(StringParameter.class));
            assertTrue(string.getMessage().contains("java.lang.String") && string.getMessage().contains("parameter 1"),
                    string.getMessage());
            BindingException checked = assertThrows(BindingException.class, () -> sandbox.bind(CheckedException.class));
            assertTrue(checked.getMessage().contains("IOException"), checked.getMessage());
            BindingException size = assertThrows(BindingException.class, () -> sandbox.bind(SizeOnInt.class));
            assertTrue(size.getMessage().contains("@SizeT"), size.getMessage());
            BindingException pointee = assertThrows(BindingException.class, () -> sandbox.bind(UnknownPointee.class));
            assertTrue(pointee.getMessage().contains("TaintedPointer<java.lang.String>"), pointee.getMessage());
            BindingException hidden = assertThrows(BindingException.class, () -> sandbox.bind(NotPublic.class));
            assertTrue(hidden.getMessage().contains("not public"), hidden.getMessage());
            BindingException notInterface = assertThrows(BindingException.class, () -> sandbox.bind(String.class));
            assertTrue(notInterface.getMessage().contains("not an interface"), notInterface.getMessage());
            assertEquals(3, v(sandbox.bind(Probes.Probe.class).probe_add(1, 2)), "the sandbox still works");
        }
    }

    @Test
    void dumpPropertyWritesTheGeneratedClasses(@TempDir Path dir) throws IOException {
        String old = System.getProperty(ClassDefiner.DUMP_PROPERTY);
        System.setProperty(ClassDefiner.DUMP_PROPERTY, dir.toString());
        try (Sandbox sandbox = Sandbox.create(Probes.wasm())) {
            sandbox.bind(Conversions.class);
            sandbox.registerCallback(DumpedCallback.class, x -> 0).unregister();
        } finally {
            if (old == null) {
                System.clearProperty(ClassDefiner.DUMP_PROPERTY);
            } else {
                System.setProperty(ClassDefiner.DUMP_PROPERTY, old);
            }
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted().collect(Collectors.toList());
        }
        Path binding = files.stream().filter(p -> p.getFileName().toString().matches("Binding\\$Conversions\\$\\d+\\.txt"))
                .findFirst().orElseThrow(() -> new AssertionError("no binding dump among " + files));
        String text = Files.readString(binding);
        assertTrue(text.contains("invokeExact"), "calls through the typed handle");
        assertTrue(text.contains("classDataAt"), "constants come from class data");
        assertFalse(text.contains("java/lang/reflect"), "no reflection on the call path");
        assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().matches("Callback\\$DumpedCallback\\$\\d+\\.class")),
                "callback adapters are dumped too: " + files);
    }
}
