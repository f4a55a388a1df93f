package dev.airlock.libs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The libs tests' inputs for the tests of the safe APIs in the packages below this one: the
 * generated images of every format ({@link TestImages}), the corpus ({@link Prerequisites}) and
 * damaged variants ({@link Mutations}), made public.
 */
public final class TestFiles {
    private TestFiles() {
    }

    /**
     * A generated image file.
     *
     * @param name what it is, e.g. "tga-rgb-rle-top"
     * @param format the format's name as {@code ImageFormat.formatName()} spells it
     * @param bytes the file
     * @param width its width
     * @param height its height
     * @param channels the channels stb_image decodes it to
     * @param expected for lossless 8-bit files, the pixels stb_image must decode; else null
     */
    public record Image(String name, String format, byte[] bytes, int width, int height, int channels, byte[] expected) {
    }

    /** A damaged variant of a file. */
    public record Damaged(String name, byte[] bytes) {
    }

    /** Every generated image: each format stb_image reads, in several variants. */
    public static List<Image> images() {
        List<Image> out = new ArrayList<>();
        for (TestImages.Generated g : TestImages.all()) {
            out.add(new Image(g.name(), g.format(), g.bytes(), g.width(), g.height(), g.channels(), g.expected()));
        }
        return out;
    }

    /** The generated image called {@code name}. */
    public static Image image(String name) {
        return images().stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no generated image " + name));
    }

    /** An RGB/RGBA/grey test pattern of {@code width * height * channels} bytes. */
    public static byte[] pattern(int width, int height, int channels, long seed) {
        return TestImages.pattern(width, height, channels, seed);
    }

    /** A baseline RGB JPEG of the {@link #pattern} at quality 0.9. */
    public static byte[] jpeg(int width, int height, long seed) {
        return TestImages.jpeg(TestImages.bufferedImage(pattern(width, height, 3, seed), width, height, 3), 0.9f, false);
    }

    /** {@code truncations} truncated copies and {@code flips} copies with flipped bits, seeded. */
    public static List<Damaged> damaged(byte[] file, long seed, int truncations, int flips) {
        List<Damaged> out = new ArrayList<>();
        for (Mutations.Variant v : Mutations.of(file, seed, truncations, flips)) {
            out.add(new Damaged(v.name(), v.bytes()));
        }
        return out;
    }

    /** Whether the Wasm module and the native library of {@code library} were built. */
    public static boolean isBuilt(String library) {
        return Prerequisites.isBuilt(library);
    }

    /** Skips the calling test unless the libraries were built. */
    public static void assumeBuilt(String library) {
        Prerequisites.assumeBuilt(library);
    }

    /** Skips the calling test unless the corpus was fetched; its files/ directory. */
    public static Path assumeCorpus() {
        return Prerequisites.assumeCorpus();
    }

    /** The corpus files with one of {@code extensions}, grouped by extension. */
    public static Map<String, List<Path>> corpus(Path files, String... extensions) {
        return Prerequisites.corpus(files, extensions);
    }

    /** The bytes of a file. */
    public static byte[] read(Path p) {
        return Prerequisites.read(p);
    }

    /**
     * Why stb_image's sandboxed and native builds may legitimately decode {@code file} differently
     * to {@code channels} channels (undefined behaviour in the library, see KnownDivergences), or
     * null if they must agree byte for byte.
     */
    public static String knownDivergence(byte[] file, int fileChannels, int channels) {
        if (KnownDivergences.isPsdWithAlpha(file)) {
            return "PSD un-matting converts out-of-range floats (undefined behaviour)";
        }
        return KnownDivergences.callDivergence(file, fileChannels, channels);
    }
}
