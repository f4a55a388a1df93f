package dev.airlock.libs.image;

import dev.airlock.libs.StbImageWasm;
import dev.airlock.libs.WasmModules;
import dev.airlock.libs.WasmVariant;
import dev.airlock.sandbox.SandboxLibrary;
import dev.airlock.taint.TaintedInt;
import dev.airlock.taint.TaintedPointer;

/**
 * stb_image's glue ({@code libs/src/main/c/airlock_stb_image.c}) as sandbox-api sees it: the
 * functions, declared once, and the library sandboxes are made from.
 */
final class StbImageGlue {
    private StbImageGlue() {
    }

    /**
     * The glue's functions. Public only because sandbox-api's generated binding implements it; the
     * package-private enclosing class keeps it out of the API. Every result is tainted.
     * {@code out} is the glue's int array of results (see the C file); {@code maxBytes} the
     * host's limit, which the glue applies to the header before decoding.
     */
    public interface Functions {
        /** {@code stbi_failure_reason()}: a static string, or null. */
        TaintedPointer<Byte> airlock_stbi_failure_reason();

        /** The header: out = width, height, channels, is 16-bit, is HDR; 0 on failure. */
        TaintedInt airlock_stbi_info(TaintedPointer<Byte> buffer, int length, TaintedPointer<Integer> out);

        /** 8-bit samples; out = width, height, channels in file, channels, 1. */
        TaintedPointer<Byte> airlock_stbi_load(TaintedPointer<Byte> buffer, int length, int channels, int maxBytes,
                                               TaintedPointer<Integer> out);

        /** 16-bit samples; out as for {@link #airlock_stbi_load}. */
        TaintedPointer<Short> airlock_stbi_load_16(TaintedPointer<Byte> buffer, int length, int channels, int maxBytes,
                                                   TaintedPointer<Integer> out);

        /** Float samples; out as for {@link #airlock_stbi_load}. */
        TaintedPointer<Float> airlock_stbi_loadf(TaintedPointer<Byte> buffer, int length, int channels, int maxBytes,
                                                 TaintedPointer<Integer> out);

        /** Every GIF frame, one after the other; out[4] the frame count; *delays an array of delays in ms. */
        TaintedPointer<Byte> airlock_stbi_load_gif(TaintedPointer<Byte> buffer, int length, int channels, int maxBytes,
                                                   TaintedPointer<Integer> out,
                                                   TaintedPointer<TaintedPointer<Integer>> delays);

        /** Frees what a load function returned (and the delays). */
        void airlock_stbi_free(TaintedPointer<?> pointer);
    }

    /** The sandboxed build of the glue, compiled once per class loader on first use. */
    static SandboxLibrary library() {
        return Library.WASM;
    }

    private static final class Library {
        static final SandboxLibrary WASM = SandboxLibrary.wasm(StbImageWasm.LIBRARY,
                WasmModules.module(StbImageWasm.LIBRARY, WasmVariant.STANDARD));
    }
}
