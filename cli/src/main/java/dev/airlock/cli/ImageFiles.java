package dev.airlock.cli;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The file side of {@code decode} and {@code render-text}: reading an input file with a size cap,
 * wrapping 8-bit pixels from a sandboxed library in a {@link BufferedImage} without copying them,
 * encoding it as PNG with {@code javax.imageio}, and the default output name of {@code decode}.
 */
final class ImageFiles {
    /**
     * The largest input file read, 256 MiB: the file is copied into the sandbox's memory (at most
     * 1 GiB), which must also hold the library's working memory and its result.
     */
    static final int MAX_INPUT_BYTES = 1 << 28;

    private ImageFiles() {
    }

    /** The input file is larger than {@link #MAX_INPUT_BYTES}. */
    static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        /** The exception for a file of more than {@code limit} bytes. */
        TooLargeException(int limit) {
            super("larger than " + limit + " bytes, the most this command reads", null, false, false);
        }
    }

    /**
     * The contents of {@code file}, read through a stream, so that a device or a pipe is read up to
     * the cap and no further.
     *
     * @throws IOException if it cannot be read; a directory gives the message {@code is a directory}
     * @throws TooLargeException if it holds more than {@code maxBytes} bytes
     */
    static byte[] read(Path file, int maxBytes) throws IOException, TooLargeException {
        if (Files.isDirectory(file)) {
            throw new IOException("is a directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes);
            if (bytes.length == maxBytes && in.read() >= 0) {
                throw new TooLargeException(maxBytes);
            }
            return bytes;
        }
    }

    /**
     * An image over {@code pixels}, {@code width * height * channels} bytes, row-major, top row
     * first, channels interleaved: 1 grey, 2 grey and alpha, 3 RGB, 4 RGBA (alpha not
     * premultiplied). The image shares the array; PNG keeps the channels as they are.
     */
    static BufferedImage image(int width, int height, int channels, byte[] pixels) {
        if (channels < 1 || channels > 4) {
            throw new IllegalArgumentException("channels must be 1 to 4: " + channels);
        }
        if ((long) width * height * channels != pixels.length) {
            throw new IllegalArgumentException(width + "x" + height + "x" + channels + " does not match "
                    + pixels.length + " bytes");
        }
        boolean alpha = channels == 2 || channels == 4;
        ColorSpace space = ColorSpace.getInstance(channels <= 2 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        ComponentColorModel model = new ComponentColorModel(space, alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        int[] bandOffsets = new int[channels];
        for (int i = 0; i < channels; i++) {
            bandOffsets[i] = i;
        }
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(pixels, pixels.length), width,
                height, width * channels, channels, bandOffsets, null);
        return new BufferedImage(model, raster, false, null);
    }

    /**
     * {@code image} encoded as PNG, in memory (so that a failure of the encoder leaves no partial
     * file behind, and no cache file is written to the temporary directory).
     *
     * @throws IOException if the encoder fails
     */
    static byte[] encodePng(BufferedImage image) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("this Java runtime has no PNG encoder");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(stream);
            writer.write(image);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * The default output of {@code decode}, relative to the working directory: the input's file
     * name with its extension (the part from the last dot, unless that dot starts the name)
     * replaced by {@code .png}, or {@code NAME.decoded.png} if that file is the input itself.
     *
     * @param input the input file as given
     * @param workingDirectory the directory the result goes to
     */
    static Path defaultOutput(Path input, Path workingDirectory) {
        Path fileName = input.getFileName();
        String name = fileName == null ? "image" : fileName.toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        Path output = Path.of(stem + ".png");
        if (sameFile(workingDirectory.resolve(output), input)) {
            output = Path.of(stem + ".decoded.png");
        }
        return output;
    }

    /** Whether {@code a} and {@code b} are the same file (through links too, when both exist). */
    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException | SecurityException e) {
            // Fall back to comparing the names.
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
