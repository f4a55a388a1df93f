package dev.airlock.bench;

import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/** {@link DecodeBase} on the native builds (JNA): gcc -O2 with {@code STBI_NO_SIMD}, and with SSE2. */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecodeNativeBenchmark extends DecodeBase {
    @Param({"native", "native_sse2"})
    public String engine;

    @Override
    protected String engine() {
        return engine;
    }
}
