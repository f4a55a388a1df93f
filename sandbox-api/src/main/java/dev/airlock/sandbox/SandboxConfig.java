package dev.airlock.sandbox;

import dev.airlock.wasm.wasi.WasiConfig;
import java.time.Duration;

/**
 * The limits and settings of one sandbox, as set on {@link Sandbox.Builder}. A null limit was not
 * set explicitly: the Wasm backend applies its default, and the native backend (which cannot
 * enforce it) has nothing to warn about.
 *
 * @param name the sandbox's name (messages, events, logs)
 * @param maxMemoryPages the most 64 KiB pages the Wasm memory may grow to, or null
 * @param callDeadline how long one call from the host may run before it is interrupted, or null
 * @param maxCallDepth the most nested Wasm calls of one call from the host, or null
 * @param maxCallbacks the most callbacks registered at once
 * @param wasi what the Wasm library's WASI imports grant, or null for nothing
 */
record SandboxConfig(String name, Integer maxMemoryPages, Duration callDeadline, Integer maxCallDepth, int maxCallbacks,
        WasiConfig wasi) {
    /** The memory cap when none is set: 16,384 pages (1 GiB). */
    static final int DEFAULT_MAX_MEMORY_PAGES = 16_384;

    /** The memory cap in pages to apply. */
    int memoryPages() {
        return maxMemoryPages != null ? maxMemoryPages : DEFAULT_MAX_MEMORY_PAGES;
    }

    /** The call depth to apply. */
    int callDepth() {
        return maxCallDepth != null ? maxCallDepth : dev.airlock.wasm.runtime.InstanceConfig.DEFAULT_MAX_CALL_DEPTH;
    }
}
