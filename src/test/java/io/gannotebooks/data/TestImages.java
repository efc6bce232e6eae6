package io.gannotebooks.data;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/** Writes test images of every kind the folder dataset must read, or must refuse, at test time. */
final class TestImages {
    private TestImages() {
    }

    /** A picture filled with one colour. */
    static BufferedImage filled(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** {@code inside} in the centred square of side min(width, height), {@code outside} around it. */
    static BufferedImage centreSquare(int width, int height, Color inside, Color outside) {
        BufferedImage image = filled(width, height, outside);
        int side = Math.min(width, height);
        Graphics2D g = image.createGraphics();
        g.setColor(inside);
        g.fillRect((width - side) / 2, (height - side) / 2, side, side);
        g.dispose();
        return image;
    }

    /** Left half {@code left}, right half {@code right}: tells a mirror image from the original. */
    static BufferedImage halves(int side, Color left, Color right) {
        BufferedImage image = filled(side, side, right);
        Graphics2D g = image.createGraphics();
        g.setColor(left);
        g.fillRect(0, 0, side / 2, side);
        g.dispose();
        return image;
    }

    /** Random pixels, so that a JPEG of it is large and cut in the middle of its image data. */
    static BufferedImage noise(int side, long seed) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    /** 8-bit grayscale, every pixel {@code level}. */
    static BufferedImage gray(int side, int level) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        fillBand(image.getRaster(), 0, level);
        return image;
    }

    /** 16-bit grayscale, every pixel {@code level} of 65535. */
    static BufferedImage gray16(int side, int level) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_USHORT_GRAY);
        fillBand(image.getRaster(), 0, level);
        return image;
    }

    /** 16 bits per channel RGB, every pixel (r, g, b) of 65535. */
    static BufferedImage rgb16(int side, int r, int g, int b) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[]{16, 16, 16}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(side, side);
        fillBand(raster, 0, r);
        fillBand(raster, 1, g);
        fillBand(raster, 2, b);
        return new BufferedImage(model, raster, false, null);
    }

    /** 8-bit gray plus alpha: left half fully transparent, right half opaque {@code level}. */
    static BufferedImage grayAlpha(int side, int level) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
                new int[]{8, 8}, true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(side, side);
        fillBand(raster, 0, level);
        for (int y = 0; y < side; y++) {
            for (int x = side / 2; x < side; x++) {
                raster.setSample(x, y, 1, 255);
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    /** ARGB: left half fully transparent, right half opaque {@code color}. */
    static BufferedImage halfTransparent(int side, Color color) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(side / 2, 0, side - side / 2, side);
        g.dispose();
        return image;
    }

    /** An indexed-colour (palette) picture of one colour from the default palette. */
    static BufferedImage palette(int side, Color color) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_INDEXED);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, side, side);
        g.dispose();
        return image;
    }

    private static void fillBand(WritableRaster raster, int band, int value) {
        for (int y = 0; y < raster.getHeight(); y++) {
            for (int x = 0; x < raster.getWidth(); x++) {
                raster.setSample(x, y, band, value);
            }
        }
    }

    /** Writes {@code image} in {@code format} ("png", "jpg", "gif", "bmp"), creating folders. */
    static Path write(Path file, BufferedImage image, String format) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no " + format + " writer for image type " + image.getType());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JPEG cut in the middle of its image data. */
    static Path truncatedJpeg(Path file) throws IOException {
        write(file, noise(200, 1), "jpg");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        return file;
    }

    /** A JPEG whose quantisation tables are overwritten, standing in for one ImageIO cannot decode. */
    static Path corruptHeaderJpeg(Path file) throws IOException {
        write(file, filled(50, 50, Color.GREEN), "jpg");
        byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, 2, 40, (byte) 0x55);
        Files.write(file, bytes);
        return file;
    }

    static Path textFile(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "this is not an image\n");
    }

    static Path emptyFile(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[0]);
    }
}
