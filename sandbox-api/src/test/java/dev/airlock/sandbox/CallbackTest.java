package dev.airlock.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.sandbox.Probes.Binary;
import dev.airlock.sandbox.Probes.Probe;
import dev.airlock.sandbox.Probes.Real;
import dev.airlock.taint.Pointees;
import dev.airlock.taint.TaintedInt;
import dev.airlock.taint.TaintedPointer;
import dev.airlock.wasm.TrapKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Host callbacks: registered, called by the library with tainted arguments, unregistered, limited. */
class CallbackTest {
    private static int v(TaintedInt t) {
        return t.unverifiedSafeBecause("test: compared with the expected value");
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void libraryCallsTheCallbackWithTaintedArguments(boolean isolated) {
        try (Sandbox sandbox = Sandbox.create(Probes.library(isolated))) {
            Probe probe = sandbox.bind(Probe.class);
            List<String> calls = new ArrayList<>();
            try (Callback<Binary> sub = sandbox.registerCallback(Binary.class, (a, b) -> {
                calls.add(a + "," + b);
                return v(a) - v(b);
            })) {
                assertTrue(sub.isRegistered());
                assertEquals(Binary.class, sub.type());
                assertNotEquals(0L, sub.address());
                assertEquals(1, sandbox.callbackCount());
                assertEquals(7, v(probe.probe_apply(sub, 10, 3)));
                // Tainted values do not reveal themselves in strings.
                assertEquals(List.of("TaintedInt[unverified],TaintedInt[unverified]"), calls);
                TaintedPointer<Integer> values = sandbox.malloc(Pointees.INT32, 3);
                values.elementAt(0).write(1);
                values.elementAt(1).write(2);
                values.elementAt(2).write(3);
                assertEquals(100 - 1 - 2 - 3, v(probe.probe_fold(sub, values, 3, 100)));
                sandbox.free(values);
            }
            assertEquals(0, sandbox.callbackCount());
            try (Callback<Real> real = sandbox.registerCallback(Real.class,
                    (x, n) -> x.unverifiedSafeBecause("test") * n.unverifiedSafeBecause("test"))) {
                assertEquals(2.5 * 4 + 1, probe.probe_apply_real(real, 2.5, 4).unverifiedSafeBecause("test"));
            }
        }
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void callbackMayReenterItsSandbox(boolean isolated) {
        try (Sandbox sandbox = Sandbox.create(Probes.library(isolated))) {
            Probe probe = sandbox.bind(Probe.class);
            try (Callback<Binary> viaLibrary = sandbox.registerCallback(Binary.class,
                    (a, b) -> v(probe.probe_add(v(a), v(b))) * 2)) {
                assertEquals((4 + 5) * 2, v(probe.probe_apply(viaLibrary, 4, 5)));
                assertEquals(SandboxState.OPEN, sandbox.state());
            }
        }
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void exceptionOfACallbackPoisonsTheSandbox(boolean isolated) {
        Sandbox sandbox = Sandbox.create(Probes.library(isolated));
        Probe probe = sandbox.bind(Probe.class);
        IllegalStateException thrown = new IllegalStateException("callback failed on purpose");
        Callback<Binary> failing = sandbox.registerCallback(Binary.class, (a, b) -> {
            throw thrown;
        });
        SandboxTrapException e = assertThrows(SandboxTrapException.class, () -> probe.probe_apply(failing, 1, 2));
        assertEquals(TrapKind.HOST_ERROR, e.kind());
        assertTrue(causes(e).contains(thrown), "the callback's exception is in the cause chain: " + causes(e));
        assertEquals(SandboxState.POISONED, sandbox.state());
        failing.unregister(); // allowed on a poisoned sandbox: cleanup must work
        assertFalse(failing.isRegistered());
        sandbox.close();
        try (Sandbox fresh = Sandbox.create(Probes.library(isolated))) {
            assertEquals(3, v(fresh.bind(Probe.class).probe_add(1, 2)));
        }
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void unregisteredCallbackIsRefusedAsAnArgument(boolean isolated) {
        try (Sandbox sandbox = Sandbox.create(Probes.library(isolated))) {
            Probe probe = sandbox.bind(Probe.class);
            Callback<Binary> add = sandbox.registerCallback(Binary.class, (a, b) -> v(a) + v(b));
            add.unregister();
            add.unregister(); // idempotent
            assertFalse(add.isRegistered());
            CallbackException e = assertThrows(CallbackException.class, () -> probe.probe_apply(add, 1, 2));
            assertTrue(e.getMessage().contains("unregistered"), e.getMessage());
            assertThrows(CallbackException.class, add::address);
            assertEquals(SandboxState.OPEN, sandbox.state(), "refused before entering: the sandbox is fine");
            assertEquals(3, v(probe.probe_add(1, 2)));
        }
    }

    @org.junit.jupiter.api.Test
    void staleCallOfAnUnregisteredCallbackTrapsInsideTheWasmSandbox() {
        Sandbox sandbox = Sandbox.create(Probes.wasm());
        Probe probe = sandbox.bind(Probe.class);
        Callback<Binary> mul = sandbox.registerCallback(Binary.class, (a, b) -> v(a) * v(b));
        probe.probe_save_callback(mul);
        assertEquals(42, v(probe.probe_call_saved(6, 7)));
        mul.unregister();
        SandboxTrapException e = assertThrows(SandboxTrapException.class, () -> probe.probe_call_saved(6, 7));
        assertEquals(TrapKind.UNINITIALIZED_ELEMENT, e.kind(), "the emptied table slot traps before the host is reached");
        assertEquals(SandboxState.POISONED, sandbox.state());
        sandbox.close();
    }

    @org.junit.jupiter.api.Test
    void staleCallOfAnUnregisteredCallbackIsRefusedNatively() {
        Sandbox sandbox = Sandbox.create(Probes.nativeLibrary());
        Probe probe = sandbox.bind(Probe.class);
        Callback<Binary> mul = sandbox.registerCallback(Binary.class, (a, b) -> v(a) * v(b));
        probe.probe_save_callback(mul);
        assertEquals(42, v(probe.probe_call_saved(6, 7)));
        mul.unregister();
        // The trampoline stays alive (a native library would otherwise jump into freed code) and refuses.
        SandboxTrapException e = assertThrows(SandboxTrapException.class, () -> probe.probe_call_saved(6, 7));
        assertInstanceOf(CallbackException.class, e.getCause(), String.valueOf(e.getCause()));
        assertEquals(SandboxState.POISONED, sandbox.state());
        sandbox.close();
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void slotsAreReusedAndTheLimitHolds(boolean isolated) {
        try (Sandbox sandbox = Sandbox.builder(Probes.library(isolated)).maxCallbacks(3).build()) {
            Probe probe = sandbox.bind(Probe.class);
            List<Callback<Binary>> callbacks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int k = i;
                callbacks.add(sandbox.registerCallback(Binary.class, (a, b) -> k));
            }
            CallbackException limit = assertThrows(CallbackException.class,
                    () -> sandbox.registerCallback(Binary.class, (a, b) -> 9));
            assertTrue(limit.getMessage().contains("limit"), limit.getMessage());
            for (int i = 0; i < 3; i++) {
                assertEquals(i, v(probe.probe_apply(callbacks.get(i), 0, 0)));
            }
            long freed = callbacks.get(1).address();
            callbacks.get(1).unregister();
            Callback<Binary> again = sandbox.registerCallback(Binary.class, (a, b) -> 99);
            assertEquals(freed, again.address(), "the freed slot is reused");
            assertEquals(99, v(probe.probe_apply(again, 0, 0)));
            assertEquals(3, sandbox.callbackCount());
        }
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void callbacksAreRefusedAfterCloseAndAcrossSandboxes(boolean isolated) {
        Sandbox a = Sandbox.create(Probes.library(isolated));
        try (Sandbox b = Sandbox.create(Probes.library(isolated))) {
            Callback<Binary> ofA = a.registerCallback(Binary.class, (x, y) -> 1);
            CallbackException foreign = assertThrows(CallbackException.class,
                    () -> b.bind(Probe.class).probe_apply(ofA, 1, 2));
            assertTrue(foreign.getMessage().contains("another sandbox"), foreign.getMessage());
            a.close();
            assertFalse(ofA.isRegistered());
            ofA.unregister(); // no-op after close
            assertThrows(SandboxClosedException.class, () -> a.registerCallback(Binary.class, (x, y) -> 1));
            assertEquals(3, v(b.bind(Probe.class).probe_add(1, 2)));
        }
    }

    @org.junit.jupiter.api.Test
    void unsuitableCallbackInterfacesAreRefused() {
        try (Sandbox sandbox = Sandbox.create(Probes.wasm())) {
            assertThrows(CallbackException.class, () -> sandbox.registerCallback(TwoMethods.class, new TwoMethods() {
                @Override
                public int a(TaintedInt x) {
                    return 0;
                }

                @Override
                public int b(TaintedInt x) {
                    return 0;
                }
            }));
            CallbackException plain = assertThrows(CallbackException.class,
                    () -> sandbox.registerCallback(PlainParameter.class, x -> x));
            assertTrue(plain.getMessage().contains("TaintedInt"), plain.getMessage());
            assertThrows(NullPointerException.class, () -> sandbox.registerCallback(Binary.class, null));
        }
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void callbackReturningAPointerHandsItToTheLibrary(boolean isolated) {
        try (Sandbox sandbox = Sandbox.create(Probes.library(isolated)); Sandbox other = Sandbox.create(Probes.library(isolated))) {
            Probe probe = sandbox.bind(Probe.class);
            TaintedPointer<Byte> text = sandbox.malloc(4);
            sandbox.copyIn(text, new byte[] {'a', 'b', 'c', 0});
            try (Callback<Probes.Source> source = sandbox.registerCallback(Probes.Source.class,
                    x -> v(x) == 0 ? null : text)) {
                assertEquals(3, v(probe.probe_length_of(source, 1)));
                assertEquals(-1, v(probe.probe_length_of(source, 0)), "a Java null is C's NULL");
            }
            // A pointer into another sandbox is refused on its way into the library.
            TaintedPointer<Byte> foreign = other.malloc(4);
            Callback<Probes.Source> wrong = sandbox.registerCallback(Probes.Source.class, x -> foreign);
            SandboxTrapException e = assertThrows(SandboxTrapException.class, () -> probe.probe_length_of(wrong, 1));
            assertInstanceOf(dev.airlock.taint.ForeignPointerException.class, causes(e).get(causes(e).size() - 1));
            assertEquals(SandboxState.POISONED, sandbox.state());
            assertEquals(SandboxState.OPEN, other.state());
        }
    }

    /** Not a functional interface. */
    public interface TwoMethods {
        int a(TaintedInt x);

        int b(TaintedInt x);
    }

    /** Takes a plain int where the sandbox's value would be tainted. */
    public interface PlainParameter {
        int f(int x);
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }
}
