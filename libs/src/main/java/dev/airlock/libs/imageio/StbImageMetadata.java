package dev.airlock.libs.imageio;

import dev.airlock.libs.image.ImageInfo;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.metadata.IIOMetadataNode;
import org.w3c.dom.Node;

/**
 * The metadata of an image, in the standard format ({@code javax_imageio_1.0}) only: colour space
 * and channels, sample format and depth, alpha. stb_image reads no other metadata. Read-only.
 */
final class StbImageMetadata extends IIOMetadata {
    private final ImageInfo info;

    StbImageMetadata(ImageInfo info) {
        super(true, null, null, null, null);
        this.info = info;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public Node getAsTree(String formatName) {
        if (!IIOMetadataFormatImpl.standardMetadataFormatName.equals(formatName)) {
            throw new IllegalArgumentException("unsupported metadata format: " + formatName + " (only "
                    + IIOMetadataFormatImpl.standardMetadataFormatName + ")");
        }
        return getStandardTree();
    }

    @Override
    public void mergeTree(String formatName, Node root) {
        throw new IllegalStateException("the metadata is read-only");
    }

    @Override
    public void reset() {
        throw new IllegalStateException("the metadata is read-only");
    }

    @Override
    protected IIOMetadataNode getStandardChromaNode() {
        IIOMetadataNode chroma = new IIOMetadataNode("Chroma");
        chroma.appendChild(node("ColorSpaceType", "name", info.channels() <= 2 ? "GRAY" : "RGB"));
        chroma.appendChild(node("NumChannels", "value", Integer.toString(info.channels())));
        chroma.appendChild(node("BlackIsZero", "value", "TRUE"));
        return chroma;
    }

    @Override
    protected IIOMetadataNode getStandardDataNode() {
        IIOMetadataNode data = new IIOMetadataNode("Data");
        data.appendChild(node("PlanarConfiguration", "value", "PixelInterleaved"));
        data.appendChild(node("SampleFormat", "value", info.isHdr() ? "Real" : "UnsignedIntegral"));
        String bits = info.isHdr() ? "32" : info.is16Bit() ? "16" : "8";
        data.appendChild(node("BitsPerSample", "value", (bits + " ").repeat(info.channels()).trim()));
        return data;
    }

    @Override
    protected IIOMetadataNode getStandardDimensionNode() {
        IIOMetadataNode dimension = new IIOMetadataNode("Dimension");
        dimension.appendChild(node("ImageOrientation", "value", "Normal"));
        return dimension;
    }

    @Override
    protected IIOMetadataNode getStandardTransparencyNode() {
        IIOMetadataNode transparency = new IIOMetadataNode("Transparency");
        boolean alpha = info.channels() == 2 || info.channels() == 4;
        transparency.appendChild(node("Alpha", "value", alpha ? "nonpremultiplied" : "none"));
        return transparency;
    }

    private static IIOMetadataNode node(String name, String attribute, String value) {
        IIOMetadataNode node = new IIOMetadataNode(name);
        node.setAttribute(attribute, value);
        return node;
    }
}
