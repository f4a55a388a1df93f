import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Draws {@code samples/sample.jpg}, the image the README's first {@code airlock decode} command
 * decodes: 320x200, a sky gradient, a sun, a hatch-shaped "airlock door", a colour bar and a
 * checkerboard (to give a decoder chroma and sharp edges to work on), and the word AIRLOCK in
 * block letters drawn as strokes (no font, so the result does not depend on the fonts installed).
 *
 * <p>Run from the repository root with {@code java samples/GenerateSample.java [OUT.jpg]}; the
 * default output is {@code samples/sample.jpg}. Only java.awt and javax.imageio are used and
 * nothing random or time-dependent, so one JDK always writes the same bytes.
 */
public final class GenerateSample {
    /** The width of the image in pixels. */
    static final int WIDTH = 320;
    /** The height of the image in pixels. */
    static final int HEIGHT = 200;
    /** The JPEG quality, 0 to 1. */
    static final float QUALITY = 0.85f;

    /**
     * The block letters, as polylines on a grid 4 units wide and 6 high (y down): for each letter,
     * its strokes, each a flat list of x, y pairs.
     */
    static final double[][][] LETTERS = {
        /* A */ {{0, 6, 2, 0, 4, 6}, {1, 4, 3, 4}},
        /* I */ {{2, 0, 2, 6}, {1, 0, 3, 0}, {1, 6, 3, 6}},
        /* R */ {{0, 6, 0, 0, 3, 0, 4, 1, 4, 2, 3, 3, 0, 3}, {2, 3, 4, 6}},
        /* L */ {{0, 0, 0, 6, 4, 6}},
        /* O */ {{1, 0, 3, 0, 4, 1, 4, 5, 3, 6, 1, 6, 0, 5, 0, 1, 1, 0}},
        /* C */ {{4, 1, 3, 0, 1, 0, 0, 1, 0, 5, 1, 6, 3, 6, 4, 5}},
        /* K */ {{0, 0, 0, 6}, {4, 0, 0, 3.5}, {1.5, 2.5, 4, 6}},
    };

    private GenerateSample() {
    }

    /** Writes the sample to {@code args[0]}, or {@code samples/sample.jpg}. */
    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of(args.length > 0 ? args[0] : "samples/sample.jpg");
        BufferedImage image = draw();
        writeJpeg(image, out);
        System.out.println(out + ": " + WIDTH + "x" + HEIGHT + ", " + Files.size(out) + " bytes");
    }

    /** Draws the sample. */
    static BufferedImage draw() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);

            // Sky: deep blue at the top to teal at the horizon.
            g.setPaint(new GradientPaint(0, 0, new Color(12, 20, 64), 0, 140, new Color(40, 150, 160)));
            g.fillRect(0, 0, WIDTH, 140);
            // Ground: a darker band with a left-to-right gradient.
            g.setPaint(new GradientPaint(0, 140, new Color(30, 40, 50), WIDTH, 200, new Color(70, 60, 90)));
            g.fillRect(0, 140, WIDTH, 60);

            // The sun, a radial gradient from white-yellow to orange.
            g.setPaint(new RadialGradientPaint(new Point2D.Double(255, 50), 34, new float[] {0f, 0.6f, 1f},
                    new Color[] {new Color(255, 250, 220), new Color(255, 200, 60), new Color(240, 110, 30)}));
            g.fill(new Ellipse2D.Double(221, 16, 68, 68));

            // The airlock door: a rounded frame, a round window and a wheel.
            g.setColor(new Color(150, 156, 166));
            g.fill(new RoundRectangle2D.Double(18, 38, 78, 112, 22, 22));
            g.setColor(new Color(90, 96, 108));
            g.setStroke(new BasicStroke(4f));
            g.draw(new RoundRectangle2D.Double(24, 44, 66, 100, 18, 18));
            g.setPaint(new RadialGradientPaint(new Point2D.Double(52, 70), 16, new float[] {0f, 1f},
                    new Color[] {new Color(200, 240, 255), new Color(40, 90, 140)}));
            g.fill(new Ellipse2D.Double(41, 56, 32, 32));
            g.setColor(new Color(200, 40, 40));
            g.setStroke(new BasicStroke(3f));
            g.draw(new Ellipse2D.Double(45, 104, 24, 24));
            for (int i = 0; i < 4; i++) {
                double angle = Math.PI / 4 * i;
                g.draw(new Line2D.Double(57 - 12 * Math.cos(angle), 116 - 12 * Math.sin(angle),
                        57 + 12 * Math.cos(angle), 116 + 12 * Math.sin(angle)));
            }

            // A colour bar: hues across the ground.
            for (int x = 0; x < 200; x++) {
                g.setColor(Color.getHSBColor(x / 200f, 0.8f, 0.95f));
                g.fillRect(110 + x, 178, 1, 12);
            }
            // A checkerboard of 4-pixel squares.
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 6; x++) {
                    g.setColor((x + y) % 2 == 0 ? Color.WHITE : Color.BLACK);
                    g.fillRect(18 + 4 * x, 166 + 4 * y, 4, 4);
                }
            }

            // AIRLOCK in stroked block letters.
            drawWord(g, 114, 104, 5, 7, 28);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Draws AIRLOCK with its top-left corner at {@code (x, y)}: a grid unit is {@code unitX} by
     * {@code unitY} pixels, letters start {@code advance} pixels apart (a shadow first, then the
     * letters in white).
     */
    static void drawWord(Graphics2D g, double x, double y, double unitX, double unitY, double advance) {
        Path2D.Double word = new Path2D.Double();
        for (int i = 0; i < LETTERS.length; i++) {
            double left = x + i * advance;
            for (double[] stroke : LETTERS[i]) {
                word.moveTo(left + stroke[0] * unitX, y + stroke[1] * unitY);
                for (int p = 2; p < stroke.length; p += 2) {
                    word.lineTo(left + stroke[p] * unitX, y + stroke[p + 1] * unitY);
                }
            }
        }
        g.setStroke(new BasicStroke(4.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0, 0, 0, 110));
        g.translate(2, 2);
        g.draw(word);
        g.translate(-2, -2);
        g.setColor(Color.WHITE);
        g.draw(word);
    }

    /** Writes {@code image} as a baseline JPEG of quality {@link #QUALITY} to {@code out}. */
    static void writeJpeg(BufferedImage image, Path out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(QUALITY);
        Files.deleteIfExists(out);
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out.toFile())) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
