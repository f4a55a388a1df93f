package dev.airlock.libs.imageio;

import dev.airlock.libs.LibraryException;
import dev.airlock.libs.image.Channels;
import dev.airlock.libs.image.DecodedAnimation;
import dev.airlock.libs.image.DecodedImage;
import dev.airlock.libs.image.ImageFormat;
import dev.airlock.libs.image.ImageInfo;
import dev.airlock.libs.image.SampleType;
import dev.airlock.libs.image.SandboxedImageDecoder;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.imageio.IIOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;

/**
 * An ImageIO reader that decodes with stb_image in a sandbox ({@link SandboxedImageDecoder}).
 * Made by a {@link SandboxedImageReaderSpi}; one class serves every format.
 *
 * <ul>
 *   <li>The input is an {@link ImageInputStream}; the reader reads it to its end once (at most
 *       {@code ImageLimits.maxInputBytes}) and decodes from memory. A GIF has one image per
 *       frame (composited, each the size of the canvas); every other format has one image.</li>
 *   <li>{@link #getWidth}, {@link #getHeight}, {@link #getImageTypes} read only the header
 *       ({@code stbi_info}); {@link #getNumImages getNumImages(true)} of a GIF decodes it.</li>
 *   <li>Image types: the first (raw) type keeps the file's samples: 8-bit as the standard
 *       types, 16-bit as {@code TYPE_USHORT_GRAY} or an interleaved {@code USHORT} sRGB raster,
 *       and <b>HDR as a float raster in linear RGB with the radiance values unclamped</b> (no tone
 *       mapping: values above 1 are kept for the caller to map). The other types are 8-bit
 *       (for HDR: stb_image's own tone mapping, gamma 1/2.2 clamped to 0..255).</li>
 *   <li>{@link ImageReadParam}: source region, subsampling (with grid offsets), destination,
 *       destination type, destination offset and source/destination bands are honoured.
 *       stb_image decodes whole images, so a region or subsampling saves copying, not decoding.</li>
 *   <li>Progress listeners get imageStarted, imageProgress (as rows are copied) and
 *       imageComplete, or readAborted after {@link #abort()}, which is checked between the
 *       decode and each copied row (a decode in progress is not interrupted; the sandbox's time
 *       limit bounds it).</li>
 *   <li>A damaged or hostile file, or one beyond the limits, is an {@link IIOException} whose
 *       cause is the decoder's exception.</li>
 * </ul>
 */
public final class SandboxedImageReader extends ImageReader {
    private static final Supplier<SandboxedImageDecoder> SHARED = SharedDecoder::get;

    private final ImageFormat format;
    private SandboxedImageDecoder decoder;

    /** The whole input, read on first use. */
    private byte[] file;
    private ImageInfo info;
    /** The frames of a GIF at the channel count they were decoded with, or null. */
    private DecodedAnimation animation;
    private int animationChannels;
    /** The last decoded (non-GIF) image and how it was decoded. */
    private DecodedImage decoded;
    private Channels decodedChannels;
    private SampleType decodedType;

    /** A reader made by {@code provider}. */
    SandboxedImageReader(SandboxedImageReaderSpi provider) {
        super(provider);
        this.format = provider.format();
    }

    /** The format this reader reads. */
    public ImageFormat format() {
        return format;
    }

    /**
     * Decodes with {@code decoder} (its limits and time limit) instead of the one shared by every
     * reader ({@link dev.airlock.libs.image.ImageLimits#DEFAULT default limits}). The caller
     * keeps ownership: the reader does not close it.
     */
    public void setDecoder(SandboxedImageDecoder decoder) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        clearDecoded();
    }

    private SandboxedImageDecoder decoder() {
        return decoder != null ? decoder : SHARED.get();
    }

    /** Sets the input (an {@link ImageInputStream}) and forgets everything read from the previous one. */
    @Override
    public void setInput(Object input, boolean seekForwardOnly, boolean ignoreMetadata) {
        super.setInput(input, seekForwardOnly, ignoreMetadata);
        file = null;
        info = null;
        clearDecoded();
    }

    private void clearDecoded() {
        animation = null;
        decoded = null;
    }

    /** The format's name, e.g. {@code "tga"}. */
    @Override
    public String getFormatName() {
        return format.formatName();
    }

    // ------------------------------------------------------------------ input

    private ImageInputStream stream() {
        if (input == null) {
            throw new IllegalStateException("no input: call setInput first");
        }
        return (ImageInputStream) input;
    }

    /** The whole input, read once from the stream's position. */
    private byte[] file() throws IOException {
        if (file == null) {
            ImageInputStream in = stream();
            int max = decoder().limits().maxInputBytes();
            long length = in.length();
            if (length >= 0 && length - in.getStreamPosition() > max) {
                throw new IIOException("the input of " + (length - in.getStreamPosition())
                        + " bytes exceeds the limit of " + max + " bytes (ImageLimits.maxInputBytes)");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(length > 0 ? (int) Math.min(length, max) : 8192);
            byte[] buffer = new byte[8192];
            int r;
            while ((r = in.read(buffer)) > 0) {
                out.write(buffer, 0, r);
                if (out.size() > max) {
                    throw new IIOException("the input exceeds the limit of " + max + " bytes (ImageLimits.maxInputBytes)");
                }
            }
            if (out.size() == 0) {
                throw new IIOException("no input: the stream is empty");
            }
            file = out.toByteArray();
        }
        return file;
    }

    private ImageInfo info() throws IOException {
        if (info == null) {
            byte[] f = file();
            info = decoding(() -> decoder().info(f));
        }
        return info;
    }

    /** Runs a decoder call; its failures become IIOExceptions. */
    private static <T> T decoding(Supplier<T> call) throws IIOException {
        try {
            return call.get();
        } catch (LibraryException e) {
            throw new IIOException(e.getMessage(), e);
        } catch (RuntimeException e) {
            // Nothing else is expected from the decoder; whatever it is, the caller of an ImageIO
            // reader is promised IIOException for a bad file.
            throw new IIOException("cannot decode: " + e, e);
        }
    }

    private boolean isAnimated() {
        return format == ImageFormat.GIF;
    }

    private DecodedAnimation animation(int channels) throws IOException {
        if (animation == null || animationChannels != channels) {
            byte[] f = file();
            animation = decoding(() -> decoder().decodeAnimation(f, Channels.of(channels)));
            animationChannels = channels;
        }
        return animation;
    }

    private void checkIndex(int imageIndex) throws IOException {
        stream();
        if (imageIndex < minIndex) {
            throw new IndexOutOfBoundsException("image index " + imageIndex + " is below the minimum index " + minIndex);
        }
        if (imageIndex == 0) {
            return;
        }
        int count = isAnimated() ? animation(animation != null ? animationChannels : info().channels()).frames().size() : 1;
        if (imageIndex < 0 || imageIndex >= count) {
            throw new IndexOutOfBoundsException("image index " + imageIndex + " is not in 0.." + (count - 1));
        }
    }

    // ------------------------------------------------------------------ what the file holds

    /**
     * 1, or for a GIF its number of frames: -1 without {@code allowSearch} until the frames were
     * decoded, else the frames are decoded to count them.
     */
    @Override
    public int getNumImages(boolean allowSearch) throws IOException {
        stream();
        if (!isAnimated()) {
            return 1;
        }
        if (animation != null) {
            return animation.frames().size();
        }
        if (!allowSearch) {
            return -1;
        }
        if (seekForwardOnly) {
            throw new IllegalStateException("seekForwardOnly input: the frames cannot be counted without reading them");
        }
        return animation(info().channels()).frames().size();
    }

    /** The width, from the header. */
    @Override
    public int getWidth(int imageIndex) throws IOException {
        checkIndex(imageIndex);
        return info().width();
    }

    /** The height, from the header. */
    @Override
    public int getHeight(int imageIndex) throws IOException {
        checkIndex(imageIndex);
        return info().height();
    }

    /** The raw type first, then 8-bit alternatives (see the class comment). */
    @Override
    public Iterator<ImageTypeSpecifier> getImageTypes(int imageIndex) throws IOException {
        checkIndex(imageIndex);
        return ImageTypes.of(info()).iterator();
    }

    /** The type that keeps the file's samples unchanged. */
    @Override
    public ImageTypeSpecifier getRawImageType(int imageIndex) throws IOException {
        checkIndex(imageIndex);
        return ImageTypes.of(info()).get(0);
    }

    /** None: the formats stb_image reads have no stream metadata it reports. */
    @Override
    public IIOMetadata getStreamMetadata() {
        return null;
    }

    /** The standard metadata (channels, sample format and depth, alpha), or null if metadata is ignored. */
    @Override
    public IIOMetadata getImageMetadata(int imageIndex) throws IOException {
        checkIndex(imageIndex);
        return ignoreMetadata ? null : new StbImageMetadata(info());
    }

    // ------------------------------------------------------------------ reading

    /** Decodes image {@code imageIndex} into the destination {@code param} describes (see the class comment). */
    @Override
    public BufferedImage read(int imageIndex, ImageReadParam param) throws IOException {
        checkIndex(imageIndex);
        clearAbortRequest();
        ImageInfo header = info();
        List<ImageTypeSpecifier> types = ImageTypes.of(header);
        BufferedImage dest = getDestination(param, types.iterator(), header.width(), header.height());
        if (dest.getColorModel() instanceof IndexColorModel) {
            throw new IIOException("a destination with an IndexColorModel is not supported: use one of getImageTypes");
        }
        int destBands = dest.getSampleModel().getNumBands();
        int[] sourceBands;
        int[] destinationBands;
        Channels channels;
        boolean bandsSet = param != null && (param.getSourceBands() != null || param.getDestinationBands() != null);
        if (bandsSet) {
            // Band indices refer to the file's own channels.
            checkReadParamBandSettings(param, header.channels(), destBands);
            channels = Channels.of(header.channels());
            sourceBands = param.getSourceBands() != null ? param.getSourceBands() : identity(header.channels());
            destinationBands = param.getDestinationBands() != null ? param.getDestinationBands() : identity(destBands);
        } else {
            if (destBands < 1 || destBands > 4) {
                throw new IIOException("a destination with " + destBands + " bands is not supported (1 to 4)");
            }
            // stb_image converts to the destination's channel count itself (grey to RGB, adds alpha).
            channels = Channels.of(destBands);
            sourceBands = identity(destBands);
            destinationBands = null;
        }
        Rectangle sourceRegion = new Rectangle();
        Rectangle destRegion = new Rectangle();
        computeRegions(param, header.width(), header.height(), dest, sourceRegion, destRegion);
        int periodX = param != null ? param.getSourceXSubsampling() : 1;
        int periodY = param != null ? param.getSourceYSubsampling() : 1;

        processImageStarted(imageIndex);
        if (abortRequested()) {
            processReadAborted();
            return dest;
        }
        DecodedImage image = decode(imageIndex, channels, sampleTypeOf(dest.getSampleModel()));
        WritableRaster target = destinationBands == null ? dest.getRaster()
                : dest.getRaster().createWritableChild(0, 0, dest.getWidth(), dest.getHeight(), 0, 0, destinationBands);
        boolean finished = !destRegion.isEmpty() ? new PixelCopy(image, sourceBands).copy(sourceRegion, periodX, periodY,
                target, destRegion, this::rowDone) : !abortRequested();
        if (!finished) {
            processReadAborted();
            return dest;
        }
        processImageProgress(100f);
        processImageComplete();
        if (seekForwardOnly) {
            minIndex = imageIndex;
        }
        return dest;
    }

    private boolean rowDone(int rowsDone, int rows) {
        if (abortRequested()) {
            return false;
        }
        // A progress event per row of a small image; about every 1% of a large one.
        if (rows <= 100 || rowsDone % (rows / 100) == 0) {
            processImageProgress(100f * rowsDone / rows);
        }
        return true;
    }

    /** The samples that fill {@code model} without loss: floats, 16 bits, or 8 bits. */
    private static SampleType sampleTypeOf(SampleModel model) {
        int type = model.getDataType();
        if (type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE) {
            return SampleType.FLOAT32;
        }
        for (int size : model.getSampleSize()) {
            if (size > 8) {
                return SampleType.UINT16;
            }
        }
        return SampleType.UINT8;
    }

    private DecodedImage decode(int imageIndex, Channels channels, SampleType type) throws IOException {
        if (isAnimated()) {
            // stb_image decodes GIF frames to 8 bits only; the copy widens them if needed.
            return animation(channels.count()).frames().get(imageIndex).image();
        }
        if (decoded == null || decodedChannels != channels || decodedType != type) {
            byte[] f = file();
            decoded = decoding(() -> decoder().decode(f, channels, type));
            decodedChannels = channels;
            decodedType = type;
        }
        return decoded;
    }

    private static int[] identity(int n) {
        int[] bands = new int[n];
        for (int i = 0; i < n; i++) {
            bands[i] = i;
        }
        return bands;
    }

    /** Forgets the input and what was decoded from it. */
    @Override
    public void reset() {
        super.reset();
        file = null;
        info = null;
        clearDecoded();
    }

    /** Releases what the reader holds; the shared decoder and one set with {@link #setDecoder} stay open. */
    @Override
    public void dispose() {
        file = null;
        info = null;
        clearDecoded();
        decoder = null;
    }

    /** The decoder every reader shares unless given another, made on first use and never closed. */
    private static final class SharedDecoder {
        private static final SandboxedImageDecoder DECODER = SandboxedImageDecoder.create();

        static SandboxedImageDecoder get() {
            return DECODER;
        }
    }
}
