package dev.airlock.libs.image;

import dev.airlock.libs.QoiWasm;
import dev.airlock.libs.WasmModules;
import dev.airlock.libs.WasmVariant;
import dev.airlock.sandbox.SandboxLibrary;
import dev.airlock.taint.TaintedPointer;

/**
 * qoi's glue ({@code libs/src/main/c/airlock_qoi.c}) as sandbox-api sees it: the functions,
 * declared once, and the library sandboxes are made from.
 */
final class QoiGlue {
    private QoiGlue() {
    }

    /**
     * The glue's functions. Public only because sandbox-api's generated binding implements it; the
     * package-private enclosing class keeps it out of the API. Every result is tainted.
     */
    public interface Functions {
        /**
         * Decodes to {@code channels} (0, 3, 4); out = width, height, channels in the file,
         * colorspace, channels of the result, status (0 ok, 1 refused, 2 beyond maxBytes, 3 bad
         * argument).
         */
        TaintedPointer<Byte> airlock_qoi_decode(TaintedPointer<Byte> data, int size, int channels, int maxBytes,
                                                TaintedPointer<Integer> out);

        /** Encodes; {@code *outLength} the length of the encoding, -1 if refused. */
        TaintedPointer<Byte> airlock_qoi_encode(TaintedPointer<Byte> pixels, int width, int height, int channels,
                                                int colorspace, TaintedPointer<Integer> outLength);

        /** Frees what decode or encode returned. */
        void airlock_qoi_free(TaintedPointer<?> pointer);
    }

    /** The sandboxed build of the glue, compiled once per class loader on first use. */
    static SandboxLibrary library() {
        return Library.WASM;
    }

    private static final class Library {
        static final SandboxLibrary WASM = SandboxLibrary.wasm(QoiWasm.LIBRARY,
                WasmModules.module(QoiWasm.LIBRARY, WasmVariant.STANDARD));
    }
}
