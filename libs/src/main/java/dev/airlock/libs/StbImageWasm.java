package dev.airlock.libs;

import dev.airlock.wasm.runtime.InstanceConfig;
import java.time.Duration;

/**
 * {@link StbImage} in the sandbox: stb_image compiled to Wasm, run on Airlock's engine. The module
 * is compiled once and shared; each binding has its own instance (and so its own memory, at most
 * {@link WasmModules#DEFAULT_CONFIG 1 GiB} by default).
 */
public final class StbImageWasm extends StbImageBinding {
    /** The library's name: its module is {@code dev/airlock/libs/wasm/stb_image.wasm}. */
    public static final String LIBRARY = "stb_image";

    /** The standard build with the default limits. */
    public StbImageWasm() {
        this(WasmVariant.STANDARD, DecodeLimits.DEFAULT, WasmModules.DEFAULT_CONFIG);
    }

    public StbImageWasm(WasmVariant variant, DecodeLimits limits, InstanceConfig config) {
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
