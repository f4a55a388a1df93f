package dev.airlock.wasm.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes interruption checks free while nobody asks to interrupt.
 *
 * <p>Generated code checks for interruption at every function entry and loop back-edge through an
 * {@code invokedynamic} linked to {@link #SITE}. While no {@link Interruption} is requested, the
 * site's target does nothing, and the JIT compiles the check away entirely (a check that reads a
 * volatile flag on every back-edge was measured to cost 12–15% on real decoders). When a request
 * is made, the target becomes {@link #check}, which reads the instance's flag; changing the target
 * deoptimises all compiled code that inlined the empty one, at its next safepoint poll — compiled
 * loops have those — so running code sees the request within a safepoint's latency. Some time after
 * the last request is withdrawn the site becomes empty again and the code is recompiled.
 */
final class InterruptSwitch {
    /** The call site every interruption check of every module is linked to. */
    static final MutableCallSite SITE = new MutableCallSite(MethodType.methodType(void.class, Instance.class));
    /** How long after the last request is withdrawn the checks are switched off again. */
    private static final long DISARM_DELAY_MILLIS = 1000;

    private static final MethodHandle IGNORE = MethodHandles.empty(SITE.type());
    private static final MethodHandle CHECK;
    /** Interruption requests currently set, over all instances. */
    private static final AtomicInteger PENDING = new AtomicInteger();

    static {
        try {
            CHECK = MethodHandles.lookup().findStatic(InterruptSwitch.class, "check", SITE.type());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        SITE.setTarget(IGNORE);
    }

    private InterruptSwitch() {
    }

    /** The check generated code runs while some request is pending. */
    static void check(Instance instance) {
        if (instance.interruption.requested) {
            throw Traps.interrupted();
        }
    }

    /** A request was made (its flag went from clear to set). */
    static void requested() {
        if (PENDING.incrementAndGet() == 1) {
            retarget(CHECK);
        }
    }

    /** A request was withdrawn (its flag went from set to clear). */
    static void withdrawn() {
        if (PENDING.decrementAndGet() == 0) {
            Interruption.timer().schedule(InterruptSwitch::disarmIfIdle, DISARM_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private static void disarmIfIdle() {
        synchronized (SITE) {
            if (PENDING.get() == 0) {
                retarget(IGNORE);
            }
        }
    }

    private static void retarget(MethodHandle target) {
        synchronized (SITE) {
            if (SITE.getTarget() != target) {
                SITE.setTarget(target);
                MutableCallSite.syncAll(new MutableCallSite[] {SITE});
            }
        }
    }
}
