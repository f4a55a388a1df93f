package dev.airlock.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The libraries' glue on Chicory 1.7.5, in its fastest configuration: the compiler (Wasm to JVM
 * bytecode, compiled once per module) and {@link ByteArrayMemory}; WASI from Chicory's own
 * {@link WasiPreview1} (the modules import fd_write, fd_seek and fd_close), {@code _initialize}
 * called after instantiation. The host side does what the libs bindings do for Airlock and the
 * native build: copy the input in behind an out-parameter area, call the glue, read the
 * out-parameters, copy the result out, free.
 */
final class ChicoryGlue {
    private ChicoryGlue() {
    }

    /** A parsed and compiled module: instantiate it any number of times. */
    record Compiled(WasmModule module, Function<Instance, Machine> machine) {
        /** Parses and compiles {@code bytes} (Chicory's compiler runs eagerly here). */
        static Compiled compile(byte[] bytes) {
            WasmModule module = Parser.parse(bytes);
            return new Compiled(module, MachineFactoryCompiler.compile(module));
        }

        /** A new instance with a fresh WASI environment (nothing granted), initialised. */
        Instance instantiate() {
            WasiPreview1 wasi = WasiPreview1.builder()
                    .withOptions(WasiOptions.builder().withStderr(new ByteArrayOutputStream()).build())
                    .build();
            Instance instance = Instance.builder(module)
                    .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
                    .withMachineFactory(machine)
                    .withMemoryFactory(ByteArrayMemory::new)
                    .build();
            instance.export("_initialize").apply();
            return instance;
        }
    }

    /** One instance and its exports. */
    static class Glue implements AutoCloseable {
        final Instance instance;
        final Memory memory;
        private final ExportFunction malloc;
        private final ExportFunction free;

        Glue(Compiled compiled) {
            this.instance = compiled.instantiate();
            this.memory = instance.memory();
            this.malloc = instance.export("malloc");
            this.free = instance.export("free");
        }

        int malloc(int size) {
            int p = (int) malloc.apply(size)[0];
            if (p == 0) {
                throw new IllegalStateException("chicory: malloc(" + size + ") failed");
            }
            return p;
        }

        void free(int p) {
            free.apply(p);
        }

        @Override
        public void close() {
        }
    }

    /** stb_image's 8-bit loader ({@code airlock_stbi_load}) on Chicory. */
    static final class StbImage extends Glue implements Engines.Decoder {
        private static final int OUT_AREA = 48;
        private final ExportFunction load;
        private final ExportFunction imageFree;

        StbImage(Compiled compiled) {
            super(compiled);
            this.load = instance.export("airlock_stbi_load");
            this.imageFree = instance.export("airlock_stbi_free");
        }

        @Override
        public byte[] rgba(byte[] file) {
            int block = malloc(OUT_AREA + file.length);
            try {
                memory.write(block + OUT_AREA, file);
                int pixels = (int) load.apply(block + OUT_AREA, file.length, 4, Engines.MAX_OUTPUT_BYTES, block)[0];
                if (pixels == 0) {
                    throw new IllegalStateException("chicory: stb_image failed to decode");
                }
                try {
                    int width = memory.readInt(block);
                    int height = memory.readInt(block + 4);
                    int channels = memory.readInt(block + 12);
                    if (width <= 0 || height <= 0 || channels != 4) {
                        throw new IllegalStateException("chicory: bad result " + width + "x" + height + "x" + channels);
                    }
                    return memory.readBytes(pixels, Math.multiplyExact(width * height, 4));
                } finally {
                    imageFree.apply(pixels);
                }
            } finally {
                free(block);
            }
        }
    }

    /** One font of stb_truetype and {@code airlock_tt_render_line} on Chicory. */
    static final class TrueType extends Glue implements Engines.LineRenderer {
        private static final int OUT_AREA = 64;
        private final ExportFunction renderLine;
        private final int block;
        private final int info;

        TrueType(Compiled compiled, byte[] font) {
            super(compiled);
            this.renderLine = instance.export("airlock_tt_render_line");
            this.block = malloc(OUT_AREA + font.length);
            memory.write(block + OUT_AREA, font);
            this.info = (int) instance.export("airlock_tt_open").apply(block + OUT_AREA, font.length, 0, block)[0];
            if (info == 0) {
                throw new IllegalStateException("chicory: cannot open the font (status " + memory.readInt(block) + ")");
            }
        }

        @Override
        public byte[] render(String text, float pixelHeight, int width, int height) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            int size = width * height;
            int area = malloc(utf8.length + size + 1);
            try {
                int bitmap = area + utf8.length;
                memory.write(area, utf8);
                memory.write(bitmap, new byte[size]);
                long ok = renderLine.apply(info, Float.floatToRawIntBits(pixelHeight), area, utf8.length, bitmap, width, height,
                        block)[0];
                if (ok == 0) {
                    throw new IllegalStateException("chicory: cannot render the line");
                }
                return memory.readBytes(bitmap, size);
            } finally {
                free(area);
            }
        }
    }
}
