package dev.airlock.libs.imageio;

import dev.airlock.libs.image.ImageFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ServiceRegistry;
import javax.imageio.stream.ImageInputStream;

/**
 * The ImageIO service providers of Airlock's sandboxed reader: one per format stb_image reads,
 * registered in {@code META-INF/services/javax.imageio.spi.ImageReaderSpi}, so that
 * {@code ImageIO.read(file)} decodes TGA, PSD, HDR, PIC and PNM files in the sandbox as soon as
 * the libs jar is on the class path.
 *
 * <p><b>Naming.</b> Formats the JDK lacks register under their usual names, suffixes and MIME
 * types ({@code "tga"}, {@code "targa"}, {@code "psd"}, {@code "hdr"}, {@code "rgbe"},
 * {@code "pic"}, {@code "pnm"}, {@code "ppm"}, {@code "pgm"}), and also as
 * {@code "airlock-tga"} etc. Formats the JDK reads (JPEG, PNG, BMP, GIF) register only as
 * {@code "airlock-jpeg"} (also {@code "airlock-jpg"}), {@code "airlock-png"}, {@code "airlock-bmp"}
 * and {@code "airlock-gif"}, with no suffix or MIME type, and order themselves after the JDK's
 * readers: the JDK's stay the default, and the sandboxed one is used when asked for by name:
 *
 * <pre>{@code
 * ImageReader reader = ImageIO.getImageReadersByFormatName("airlock-png").next();
 * }</pre>
 *
 * <p>{@link #canDecodeInput} looks at the magic bytes only (mark/reset: the stream's position is
 * unchanged).
 */
public abstract class SandboxedImageReaderSpi extends ImageReaderSpi {
    /** The vendor name ImageIO shows. */
    static final String VENDOR = "Airlock";
    /** The plugin's version. */
    static final String VERSION = "0.1";
    /** The prefix of the names under which every format is registered. */
    public static final String NAME_PREFIX = "airlock-";

    private final ImageFormat format;

    /** A provider for {@code format}; {@code aliases} are extra format names. */
    SandboxedImageReaderSpi(ImageFormat format, String... aliases) {
        super(VENDOR, VERSION, names(format, aliases), format.jdkReads() ? null : format.suffixes().toArray(new String[0]),
                format.jdkReads() ? null : format.mimeTypes().toArray(new String[0]),
                SandboxedImageReader.class.getName(), new Class<?>[] {ImageInputStream.class}, null,
                false, null, null, null, null, true, null, null, null, null);
        this.format = format;
    }

    private static String[] names(ImageFormat format, String... aliases) {
        Set<String> names = new LinkedHashSet<>();
        List<String> base = new ArrayList<>();
        base.add(format.formatName());
        base.addAll(List.of(aliases));
        for (String n : base) {
            if (!format.jdkReads()) {
                names.add(n);
                names.add(n.toUpperCase(Locale.ROOT));
            }
            names.add(NAME_PREFIX + n);
        }
        return names.toArray(new String[0]);
    }

    /** The format this provider reads. */
    public final ImageFormat format() {
        return format;
    }

    /** Whether the stream starts with this format's magic bytes; the stream's position is unchanged. */
    @Override
    public boolean canDecodeInput(Object source) throws IOException {
        if (!(source instanceof ImageInputStream)) {
            return false;
        }
        ImageInputStream in = (ImageInputStream) source;
        byte[] header = new byte[ImageFormat.HEADER_BYTES];
        int n = 0;
        in.mark();
        try {
            while (n < header.length) {
                int r = in.read(header, n, header.length - n);
                if (r <= 0) {
                    break;
                }
                n += r;
            }
        } finally {
            in.reset();
        }
        return format.matches(header, n);
    }

    /** A new reader of this provider's format. */
    @Override
    public ImageReader createReaderInstance(Object extension) {
        return new SandboxedImageReader(this);
    }

    /** For example "TGA image, decoded by stb_image in an Airlock sandbox". */
    @Override
    public String getDescription(Locale locale) {
        return format.formatName().toUpperCase(Locale.ROOT) + " image, decoded by stb_image in an Airlock sandbox";
    }

    /**
     * For a format the JDK also reads, orders the JDK's reader before this one, so that
     * {@code ImageIO.read} keeps using the JDK's unless this one is asked for by name.
     */
    @Override
    public void onRegistration(ServiceRegistry registry, Class<?> category) {
        if (!format.jdkReads()) {
            return;
        }
        Iterator<? extends ImageReaderSpi> all = registry.getServiceProviders(ImageReaderSpi.class, false);
        while (all.hasNext()) {
            ImageReaderSpi other = all.next();
            if (other != this && other.getClass().getName().startsWith("com.sun.imageio.")
                    && List.of(other.getFormatNames()).contains(format.formatName())) {
                registry.setOrdering(ImageReaderSpi.class, other, this);
            }
        }
    }

    /** JPEG, by name only: {@code "airlock-jpeg"}, {@code "airlock-jpg"}. */
    public static final class Jpeg extends SandboxedImageReaderSpi {
        /** The provider ImageIO instantiates. */
        public Jpeg() {
            super(ImageFormat.JPEG, "jpg");
        }
    }

    /** PNG, by name only: {@code "airlock-png"}. */
    public static final class Png extends SandboxedImageReaderSpi {
        /** The provider ImageIO instantiates. */
        public Png() {
            super(ImageFormat.PNG);
        }
    }

    /** BMP, by name only: {@code "airlock-bmp"}. */
    public static final class Bmp extends SandboxedImageReaderSpi {
        /** The provider ImageIO instantiates. */
        public Bmp() {
            super(ImageFormat.BMP);
        }
    }

    /** GIF (every frame is an image), by name only: {@code "airlock-gif"}. */
    public static final class Gif extends SandboxedImageReaderSpi {
        /** The provider ImageIO instantiates. */
        public Gif() {
            super(ImageFormat.GIF);
        }
    }

    /** Photoshop: {@code "psd"}, {@code "photoshop"}. */
    public static final class Psd extends SandboxedImageReaderSpi {
        /** The provider ImageIO instantiates. */
        public Psd() {
            super(ImageFormat.PSD, "photoshop");
        }
    }

    /** Softimage PIC: {@code "pic"}. */
    public static final class Pic extends SandboxedImageReaderSpi {
        /** The provider ImageIO instantiates. */
        public Pic() {
            super(ImageFormat.PIC, "softimage-pic");
        }
    }

    /** Binary PGM and PPM: {@code "pnm"}, {@code "ppm"}, {@code "pgm"}. */
    public static final class Pnm extends SandboxedImageReaderSpi {
        /** The provider ImageIO instantiates. */
        public Pnm() {
            super(ImageFormat.PNM, "ppm", "pgm");
        }
    }

    /** Radiance HDR: {@code "hdr"}, {@code "rgbe"}, {@code "radiance"}. */
    public static final class Hdr extends SandboxedImageReaderSpi {
        /** The provider ImageIO instantiates. */
        public Hdr() {
            super(ImageFormat.HDR, "rgbe", "radiance");
        }
    }

    /** Truevision TGA: {@code "tga"}, {@code "targa"}. */
    public static final class Tga extends SandboxedImageReaderSpi {
        /** The provider ImageIO instantiates. */
        public Tga() {
            super(ImageFormat.TGA, "targa");
        }
    }
}
