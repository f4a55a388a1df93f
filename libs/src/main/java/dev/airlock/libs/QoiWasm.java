package dev.airlock.libs;

import dev.airlock.wasm.runtime.InstanceConfig;
import java.time.Duration;

/** {@link Qoi} in the sandbox: qoi compiled to Wasm, run on Airlock's engine. */
public final class QoiWasm extends QoiBinding {
    /** The library's name: its module is {@code dev/airlock/libs/wasm/qoi.wasm}. */
    public static final String LIBRARY = "qoi";

    public QoiWasm() {
        this(WasmVariant.STANDARD, DecodeLimits.DEFAULT, WasmModules.DEFAULT_CONFIG);
    }

    public QoiWasm(WasmVariant variant, DecodeLimits limits, InstanceConfig config) {
        super(new WasmGlueRuntime(LIBRARY, variant, config), limits);
    }

    /** Whether the module was built. */
    public static boolean isAvailable(WasmVariant variant) {
        return WasmModules.isAvailable(LIBRARY, variant);
    }

    /**
     * Limits how long one call into the library may run (null: no limit, the default). A call that
     * runs longer is interrupted and fails with a {@link SandboxException}; the instance is
     * discarded (fonts opened from it become invalid).
     */
    public void setCallTimeout(Duration timeout) {
        ((WasmGlueRuntime) runtime).callTimeout(timeout);
    }
}
