package io.gannotebooks.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressAnimationTest {
    @TempDir
    Path tmp;

    @Test
    void writesALoopingGifWithOneFramePerPicture() throws IOException {
        Path gif = tmp.resolve("progress.gif");
        ProgressAnimation.writeGif(List.of(plain(Color.RED), plain(Color.GREEN), plain(Color.BLUE)), gif, 250);
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertEquals(3, reader.getNumImages(true));
            assertEquals(new Color(0, 255, 0).getRGB(), reader.read(1).getRGB(5, 5));
            var root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            var control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
            assertEquals("25", control.getAttribute("delayTime"), "hundredths of a second");
            var loop = (IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0);
            assertEquals("NETSCAPE", loop.getAttribute("applicationID"));
        } finally {
            reader.dispose();
        }
    }

    @Test
    void buildsLabelledFramesFromARunsSamples() throws IOException {
        Path run = tmp.resolve("run");
        for (int iteration : new int[]{100, 200, 300}) {
            RunPictures.writePng(plain(Color.GRAY), run.resolve(String.format("samples/iter_%06d.png", iteration)));
        }
        Path gif = run.resolve("progress.gif");
        ProgressAnimation.ofRun(run, gif, 2, 200);
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertEquals(2, reader.getNumImages(true), "the first and the last grid");
            assertEquals(40 + 22, reader.read(0).getHeight(), "a label band above the grid");
        } finally {
            reader.dispose();
        }
        assertThrows(IllegalArgumentException.class, () -> ProgressAnimation.writeGif(List.of(), tmp.resolve("x.gif"), 100));
        assertEquals(false, Files.exists(tmp.resolve("x.gif")));
    }

    private static BufferedImage plain(Color color) {
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 40, 40);
        g.dispose();
        return image;
    }
}
