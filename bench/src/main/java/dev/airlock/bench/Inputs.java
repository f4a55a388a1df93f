package dev.airlock.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The images every engine decodes: representative files of the corpus per format (for JPEG and
 * PNG several sizes, up to a 3840x2160 wallpaper), and generated files for the formats the corpus
 * lacks (PSD, HDR, PIC) or has only a tiny sample of (TGA). The ids are the values of
 * {@link DecodeBase#input}; they start with the format.
 */
public final class Inputs {
    private Inputs() {
    }

    /** One benchmark input: a corpus file (path below the corpus's files/) or a generated one. */
    public record Input(String id, String format, String source, Supplier<byte[]> generator) {
        public boolean generated() {
            return generator != null;
        }
    }

    private static final int GEN_W = 512;
    private static final int GEN_H = 384;

    private static Input corpus(String id, String path) {
        return new Input(id, id.substring(0, id.indexOf('-')), path, null);
    }

    private static Input generated(String id, String description, Supplier<byte[]> generator) {
        return new Input(id, id.substring(0, id.indexOf('-')), description, generator);
    }

    /** Every input, grouped by format, smallest first within a format. */
    public static final List<Input> ALL = List.of(
            corpus("jpeg-camera_rgb", "python-pygame-doc/usr/share/doc/python-pygame-doc/html/_images/camera_rgb.jpg"),
            corpus("jpeg-sddm_preview", "desktop-base/usr/share/desktop-base/lines-theme/login/sddm-preview.jpg"),
            corpus("jpeg-RainDrops", "mate-backgrounds/usr/share/backgrounds/mate/nature/RainDrops.jpg"),
            corpus("jpeg-Elephants_3840x2160", "mate-backgrounds/usr/share/backgrounds/mate/abstract/Elephants_3840x2160.jpg"),
            corpus("png-ouster", "tk8.6-doc/usr/share/doc/tk8.6-doc/demos/images/ouster.png"),
            corpus("png-logo_text_256", "desktop-base/usr/share/desktop-base/debian-logos/logo-text-version-256.png"),
            corpus("png-glow", "desktop-base/usr/share/plymouth/themes/emerald/glow.png"),
            corpus("png-Sway_Wallpaper_Blue_2048x1536",
                    "sway-backgrounds/usr/share/backgrounds/sway/Sway_Wallpaper_Blue_2048x1536.png"),
            corpus("gif-earth", "tk8.6-doc/usr/share/doc/tk8.6-doc/demos/images/earth.gif"),
            corpus("gif-chimpshot", "python-pygame-doc/usr/share/doc/python-pygame-doc/html/_images/chimpshot.gif"),
            corpus("bmp-liquid", "python-pygame-doc/usr/share/doc/python-pygame-doc/examples/data/liquid.bmp"),
            corpus("bmp-arraydemo", "python-pygame-doc/usr/share/doc/python-pygame-doc/examples/data/arraydemo.bmp"),
            corpus("tga-yellow", "python-pygame-doc/usr/share/doc/python-pygame-doc/examples/data/yellow.tga"),
            generated("tga-generated_rle", "generated: 512x384 RGB, run-length (type 10)",
                    () -> Generators.tga(Generators.pattern(GEN_W, GEN_H, 3, 11), GEN_W, GEN_H, true)),
            corpus("pnm-crimson", "python-pygame-doc/usr/share/doc/python-pygame-doc/examples/data/crimson.pnm"),
            corpus("pnm-teapot", "tk8.6-doc/usr/share/doc/tk8.6-doc/demos/images/teapot.ppm"),
            generated("psd-generated_rle", "generated: 512x384 RGB 8-bit, PackBits",
                    () -> Generators.psd(Generators.pattern(GEN_W, GEN_H, 3, 12), GEN_W, GEN_H)),
            generated("hdr-generated_rle", "generated: 512x384 RGBE, run-length scanlines",
                    () -> Generators.hdr(GEN_W, GEN_H, 13)),
            generated("pic-generated_mixed", "generated: 512x384 RGB, mixed run-length",
                    () -> Generators.pic(Generators.pattern(GEN_W, GEN_H, 3, 14), GEN_W, GEN_H)));

    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    /** The input called {@code id}. */
    public static Input byId(String id) {
        for (Input in : ALL) {
            if (in.id().equals(id)) {
                return in;
            }
        }
        throw new IllegalArgumentException("no benchmark input " + id);
    }

    /** The bytes of input {@code id} (read or generated once). */
    public static byte[] bytes(String id) {
        return CACHE.computeIfAbsent(id, k -> {
            Input in = byId(k);
            if (in.generated()) {
                return in.generator().get();
            }
            Path p = BenchEnv.corpusFiles().resolve(in.source());
            try {
                return Files.readAllBytes(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p + " (run scripts/fetch-corpus.sh)", e);
            }
        });
    }

    // ---------------------------------------------------------------- text rendering

    /** The font of the text benchmark (corpus path). */
    public static final String FONT = "fonts-dejavu-core/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    /** The line the text benchmark renders. */
    public static final String TEXT = "The quick brown fox jumps over the lazy dog, 0123456789 times!";
    public static final float PIXEL_HEIGHT = 32f;
    public static final int LINE_WIDTH = 1024;
    public static final int LINE_HEIGHT = 40;

    public static byte[] font() {
        return CACHE.computeIfAbsent("font", k -> {
            Path p = BenchEnv.corpusFiles().resolve(FONT);
            try {
                return Files.readAllBytes(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p + " (run scripts/fetch-corpus.sh)", e);
            }
        });
    }
}
