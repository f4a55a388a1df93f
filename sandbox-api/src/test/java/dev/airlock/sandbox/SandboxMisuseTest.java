package dev.airlock.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.sandbox.Probes.Binary;
import dev.airlock.sandbox.Probes.Hazards;
import dev.airlock.sandbox.Probes.Probe;
import dev.airlock.taint.ForeignPointerException;
import dev.airlock.taint.TaintedInt;
import dev.airlock.taint.TaintedPointer;
import dev.airlock.taint.VerificationException;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Misuse ends in a clear exception and the host keeps working: each case runs a mistake, checks
 * the exception and its message, and then shows that a fresh sandbox of the same library works.
 * The Wasm-only cases (a trap) are in the Wasm run.
 */
class SandboxMisuseTest {
    /** Runs {@code mistake} on a fresh sandbox, then checks a fresh one works (and closes both). */
    private static void thenTheHostKeepsWorking(boolean isolated, Consumer<Sandbox> mistake) {
        Sandbox sandbox = Sandbox.create(Probes.library(isolated));
        try {
            mistake.accept(sandbox);
        } finally {
            sandbox.close();
        }
        try (Sandbox fresh = Sandbox.create(Probes.library(isolated))) {
            assertEquals(42, fresh.bind(Probe.class).probe_add(40, 2).unverifiedSafeBecause("test"));
        }
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void pointerOfSandboxAUsedWithSandboxB(boolean isolated) {
        thenTheHostKeepsWorking(isolated, a -> {
            try (Sandbox b = Sandbox.create(Probes.library(isolated))) {
                TaintedPointer<Byte> ofA = a.malloc(8);
                ForeignPointerException e = assertThrows(ForeignPointerException.class,
                        () -> b.bind(Probe.class).probe_fill(ofA, 8, 0));
                assertTrue(e.getMessage().contains(a.name()) && e.getMessage().contains(b.name()), e.getMessage());
                assertThrows(ForeignPointerException.class, () -> b.free(ofA));
                assertThrows(ForeignPointerException.class, () -> b.copyIn(ofA, new byte[1]));
                assertEquals(SandboxState.OPEN, b.state(), "refused before anything ran");
            }
        });
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void doubleFree(boolean isolated) {
        thenTheHostKeepsWorking(isolated, sandbox -> {
            TaintedPointer<Byte> p = sandbox.malloc(32);
            sandbox.free(p);
            SandboxAllocationException e = assertThrows(SandboxAllocationException.class, () -> sandbox.free(p));
            assertTrue(e.getMessage().contains("double free"), e.getMessage());
        });
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void useAfterClose(boolean isolated) {
        thenTheHostKeepsWorking(isolated, sandbox -> {
            Probe probe = sandbox.bind(Probe.class);
            TaintedPointer<Byte> p = sandbox.malloc(8);
            Callback<Binary> cb = sandbox.registerCallback(Binary.class, (x, y) -> 0);
            sandbox.close();
            assertThrows(SandboxClosedException.class, () -> probe.probe_add(1, 2));
            assertThrows(SandboxClosedException.class, () -> probe.probe_fill(p, 8, 0));
            assertThrows(SandboxClosedException.class, () -> sandbox.copyOut(p, 8));
            assertThrows(SandboxClosedException.class, () -> p.elementAt(0).copy());
            assertThrows(SandboxClosedException.class, () -> sandbox.free(p));
            assertThrows(CallbackException.class, cb::address);
            assertThrows(SandboxClosedException.class, () -> sandbox.registerCallback(Binary.class, (x, y) -> 0));
        });
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void callbackAfterUnregister(boolean isolated) {
        thenTheHostKeepsWorking(isolated, sandbox -> {
            Probe probe = sandbox.bind(Probe.class);
            Callback<Binary> cb = sandbox.registerCallback(Binary.class, (x, y) -> 1);
            probe.probe_save_callback(cb);
            cb.unregister();
            CallbackException refused = assertThrows(CallbackException.class, () -> probe.probe_apply(cb, 1, 2));
            assertTrue(refused.getMessage().contains("unregistered"), refused.getMessage());
            // The library kept the pointer and calls it: a trap inside (Wasm) or a refusal (native),
            // either way a clear exception for the host and a poisoned sandbox.
            SandboxTrapException stale = assertThrows(SandboxTrapException.class, () -> probe.probe_call_saved(1, 2));
            assertEquals("probe_call_saved", stale.function());
            assertEquals(SandboxState.POISONED, sandbox.state());
        });
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true})
    void callAfterATrap(boolean isolated) {
        thenTheHostKeepsWorking(isolated, sandbox -> {
            TaintedPointer<Byte> buffer = sandbox.malloc(8);
            assertThrows(SandboxTrapException.class, () -> sandbox.bind(Hazards.class).probe_trap(0));
            SandboxPoisonedException e = assertThrows(SandboxPoisonedException.class,
                    () -> sandbox.bind(Probe.class).probe_add(1, 2));
            assertTrue(e.getMessage().contains("probe_trap"), e.getMessage());
            // Memory a trapped library left behind is not copied out (or written) either.
            assertThrows(SandboxPoisonedException.class, () -> sandbox.copyOut(buffer, 8));
            assertThrows(SandboxPoisonedException.class, () -> sandbox.copyIn(buffer, new byte[8]));
        });
    }

    @ParameterizedTest(name = "isolated: {0}")
    @ValueSource(booleans = {true, false})
    void verifierThatRejects(boolean isolated) {
        thenTheHostKeepsWorking(isolated, sandbox -> {
            Probe probe = sandbox.bind(Probe.class);
            TaintedInt sum = probe.probe_add(1000, 1);
            VerificationException e = assertThrows(VerificationException.class,
                    () -> sum.verifyRange(0, 1000, "the width"));
            assertTrue(e.getMessage().contains("the width"), e.getMessage());
            TaintedPointer<Byte> version = probe.probe_version();
            assertThrows(VerificationException.class,
                    () -> version.copyAndVerifyString(64, s -> s.startsWith("zlib"), "the library's name"));
            assertEquals(SandboxState.OPEN, sandbox.state(), "verification is the host's business: the sandbox is fine");
            assertEquals(3, probe.probe_add(1, 2).unverifiedSafeBecause("test"));
        });
    }
}
