package dev.airlock.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.sandbox.Probes.Hazards;
import dev.airlock.sandbox.Probes.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reuse of sandboxes: borrow and give back, poisoned ones replaced, the bound, close. */
class SandboxPoolTest {
    private static SandboxPool pool(int maxSize) {
        return SandboxPool.builder(Sandbox.builder(Probes.wasm())).maxSize(maxSize).build();
    }

    @Test
    void idleSandboxesAreLentAgain() {
        try (SandboxPool pool = pool(2)) {
            Sandbox first = pool.borrow();
            assertEquals(1, pool.size());
            pool.giveBack(first);
            assertEquals(1, pool.idleCount());
            Sandbox again = pool.borrow();
            assertSame(first, again, "the idle sandbox is reused");
            Sandbox second = pool.borrow();
            assertNotSame(first, second);
            assertEquals(2, pool.size());
            pool.giveBack(again);
            pool.giveBack(second);
            assertEquals(2, pool.idleCount());
            assertThrows(IllegalArgumentException.class, () -> pool.giveBack(second), "given back twice");
        }
    }

    @Test
    void poisonedSandboxIsDroppedAndReplaced() {
        try (SandboxPool pool = pool(1)) {
            Sandbox poisoned = pool.borrow();
            assertThrows(SandboxTrapException.class, () -> poisoned.bind(Hazards.class).probe_trap(0));
            pool.giveBack(poisoned);
            assertEquals(SandboxState.CLOSED, poisoned.state(), "dropped sandboxes are closed");
            assertEquals(0, pool.size());
            int sum = pool.apply(s -> s.bind(Probe.class).probe_add(2, 2).unverifiedSafeBecause("test"));
            assertEquals(4, sum);
            assertEquals(1, pool.size());
        }
    }

    @Test
    void boundedSizeMakesBorrowersWait() throws Exception {
        try (SandboxPool pool = pool(1)) {
            Sandbox only = pool.borrow();
            SandboxException timeout = assertThrows(SandboxException.class, () -> pool.borrow(Duration.ofMillis(50)));
            assertTrue(timeout.getMessage().contains("all 1 are lent out"), timeout.getMessage());
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Future<Sandbox> waiting = other.submit(() -> pool.borrow(Duration.ofSeconds(30)));
                Thread.sleep(50);
                pool.giveBack(only);
                assertSame(only, waiting.get(30, TimeUnit.SECONDS));
                pool.giveBack(only);
            } finally {
                other.shutdownNow();
            }
        }
    }

    @Test
    void maxUsesGivesEveryBorrowerAFreshSandbox() {
        try (SandboxPool pool = SandboxPool.builder(Sandbox.builder(Probes.wasm())).maxSize(1).maxUses(1).build()) {
            Sandbox first = pool.borrow();
            pool.giveBack(first);
            assertEquals(SandboxState.CLOSED, first.state());
            Sandbox second = pool.borrow();
            assertNotSame(first, second);
            pool.giveBack(second);
        }
    }

    @Test
    void threadsShareAPoolWithoutSharingASandbox() throws Exception {
        int threads = 4;
        try (SandboxPool pool = pool(2)) {
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int k = t;
                    results.add(executor.submit(() -> {
                        int total = 0;
                        for (int i = 0; i < 200; i++) {
                            total += pool.apply(s -> s.bind(Probe.class).probe_add(k, 1).unverifiedSafeBecause("test"));
                        }
                        return total;
                    }));
                }
                for (int t = 0; t < threads; t++) {
                    assertEquals(200 * (t + 1), results.get(t).get(60, TimeUnit.SECONDS));
                }
                assertTrue(pool.size() <= 2, "never more than maxSize: " + pool.size());
            } finally {
                executor.shutdownNow();
            }
        }
    }

    @Test
    void closeClosesIdleSandboxesNowAndLentOnesWhenGivenBack() {
        SandboxPool pool = pool(2);
        Sandbox idle = pool.borrow();
        Sandbox lent = pool.borrow();
        pool.giveBack(idle);
        pool.close();
        assertEquals(SandboxState.CLOSED, idle.state());
        assertEquals(SandboxState.OPEN, lent.state());
        assertThrows(IllegalStateException.class, pool::borrow);
        pool.giveBack(lent);
        assertEquals(SandboxState.CLOSED, lent.state());
        pool.close();
    }
}
