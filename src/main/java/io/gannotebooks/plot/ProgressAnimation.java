package io.gannotebooks.plot;

import io.gannotebooks.util.Files2;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * The fixed-noise grids of a run as an animated GIF: the same noise, frame after frame, turning from grey
 * into shapes. Written with the JDK's own GIF encoder (no dependency); each frame is reduced to its own
 * 256-colour palette, plenty for these pictures.
 *
 * <pre>{@code
 * ProgressAnimation.ofRun(Path.of("runs/shapes"), Path.of("runs/shapes/progress.gif"), 40, 300);
 * }</pre>
 */
public final class ProgressAnimation {
    /** Format of the JDK GIF writer's per-image metadata, where delays and the loop extension live. */
    private static final String GIF_METADATA = "javax_imageio_gif_image_1.0";
    private static final int LABEL_HEIGHT = 22;

    private ProgressAnimation() {
    }

    /**
     * Writes {@code frames} as a GIF that loops forever, {@code delayMs} per frame (GIF counts in hundredths
     * of a second: rounded to 10 ms, at least 20 ms, as browsers slow down anything faster). Atomic.
     */
    public static void writeGif(List<BufferedImage> frames, Path out, int delayMs) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an animation needs at least one frame");
        }
        int hundredths = Math.max(2, Math.round(delayMs / 10f));
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try {
            Files2.writeAtomically(out, stream -> {
                try (ImageOutputStream images = ImageIO.createImageOutputStream(stream)) {
                    writer.setOutput(images);
                    writer.prepareWriteSequence(null);
                    for (BufferedImage frame : frames) {
                        BufferedImage rgb = rgb(frame);
                        writer.writeToSequence(new IIOImage(rgb, null, frameMetadata(writer, rgb, hundredths)), null);
                    }
                    writer.endWriteSequence();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
    }

    /**
     * The grids of {@code runDir}/samples, at most {@code maxFrames} evenly spaced (first and last included),
     * each labelled with its iteration, as a GIF at {@code out}.
     */
    public static void ofRun(Path runDir, Path out, int maxFrames, int delayMs) {
        writeGif(frames(SampleHistory.of(runDir), maxFrames), out, delayMs);
    }

    /** The grids as frames, each with its iteration written above it. */
    public static List<BufferedImage> frames(SampleHistory history, int maxFrames) {
        List<SampleHistory.Sample> chosen = history.evenlySpaced(maxFrames);
        if (chosen.isEmpty()) {
            throw new IllegalStateException("the run has no sample grids yet");
        }
        return chosen.stream().map(s -> labelled(s.image(), "iteration " + s.iteration())).toList();
    }

    private static BufferedImage labelled(BufferedImage grid, String label) {
        BufferedImage out = new BufferedImage(grid.getWidth(), grid.getHeight() + LABEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), LABEL_HEIGHT);
        g.drawImage(grid, 0, LABEL_HEIGHT, null);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.setColor(Color.DARK_GRAY);
        g.drawString(label, 4, 16);
        g.dispose();
        return out;
    }

    /** GIF frames must be opaque RGB or indexed: grids from disk may come back with alpha or as grey. */
    private static BufferedImage rgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    /** The frame's delay, and the NETSCAPE2.0 application extension that makes viewers loop (0 = forever). */
    private static IIOMetadata frameMetadata(ImageWriter writer, BufferedImage frame, int hundredths)
            throws IIOInvalidTreeException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(GIF_METADATA);

        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(hundredths));
        control.setAttribute("transparentColorIndex", "0");

        IIOMetadataNode extensions = child(root, "ApplicationExtensions");
        IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
        loop.setAttribute("applicationID", "NETSCAPE");
        loop.setAttribute("authenticationCode", "2.0");
        // sub-block 1, then the loop count as 16-bit little-endian: 0 repeats forever
        loop.setUserObject(new byte[]{1, 0, 0});
        extensions.appendChild(loop);

        metadata.setFromTree(GIF_METADATA, root);
        return metadata;
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }
}
