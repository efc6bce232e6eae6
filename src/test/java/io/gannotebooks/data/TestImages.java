package io.gannotebooks.data;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
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

    /** Four quadrants of the centred square (the rest black): tells every turn and mirror apart. */
    static BufferedImage quadrants(int width, int height, Color topLeft, Color topRight, Color bottomLeft,
                                   Color bottomRight) {
        BufferedImage image = filled(width, height, Color.BLACK);
        int side = Math.min(width, height);
        int x0 = (width - side) / 2;
        int y0 = (height - side) / 2;
        int half = side / 2;
        Graphics2D g = image.createGraphics();
        Color[] colors = {topLeft, topRight, bottomLeft, bottomRight};
        for (int q = 0; q < 4; q++) {
            g.setColor(colors[q]);
            g.fillRect(x0 + (q % 2) * half, y0 + (q / 2) * half, half, half);
        }
        g.dispose();
        return image;
    }

    /**
     * A JPEG of {@code image} with an EXIF APP1 segment, written byte by byte, whose IFD0 holds only the
     * orientation tag (0x0112, SHORT) = {@code orientation}, in Intel ("II") or Motorola ("MM") byte order.
     */
    static Path jpegWithExifOrientation(Path file, BufferedImage image, int orientation, boolean intel)
            throws IOException {
        write(file, image, "jpg");
        ByteArrayOutputStream exif = new ByteArrayOutputStream();
        exif.writeBytes(new byte[]{'E', 'x', 'i', 'f', 0, 0});
        exif.writeBytes(intel ? new byte[]{'I', 'I', 42, 0, 8, 0, 0, 0} : new byte[]{'M', 'M', 0, 42, 0, 0, 0, 8});
        writeShort(exif, 1, intel);                 // one IFD entry
        writeShort(exif, 0x0112, intel);            // tag: orientation
        writeShort(exif, 3, intel);                 // type: SHORT
        exif.writeBytes(intel ? new byte[]{1, 0, 0, 0} : new byte[]{0, 0, 0, 1}); // count 1
        writeShort(exif, orientation, intel);       // the value, left-aligned in the 4-byte field
        writeShort(exif, 0, intel);
        exif.writeBytes(new byte[4]);               // no next IFD
        return insertSegment(file, 0xE1, exif.toByteArray(), true);
    }

    private static void writeShort(ByteArrayOutputStream out, int value, boolean intel) {
        if (intel) {
            out.write(value & 0xFF);
            out.write(value >> 8 & 0xFF);
        } else {
            out.write(value >> 8 & 0xFF);
            out.write(value & 0xFF);
        }
    }

    /** The three ways 4-component JPEGs are stored. */
    enum Cmyk {
        /** No Adobe marker: plain CMYK, 0 = no ink. */
        UNTAGGED,
        /** Adobe APP14 with transform 0: CMYK stored inverted, as Photoshop writes it. */
        ADOBE_INVERTED,
        /** Adobe APP14 with transform 2: inks C, M, Y as YCbCr, K inverted. */
        ADOBE_YCCK
    }

    /**
     * A JPEG whose centred square is ink {@code inside} and the rest ink {@code outside} (C, M, Y, K in
     * 0..255, 255 = full ink), stored the way {@code kind} says. ImageIO's writer stores a 4-band raster's
     * samples as they are, without colour conversion and without markers; the inversion and YCC encoding
     * are done here and the Adobe marker is spliced in by hand.
     */
    static Path cmykJpeg(Path file, int width, int height, int[] inside, int[] outside, Cmyk kind)
            throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        int side = Math.min(width, height);
        int x0 = (width - side) / 2;
        int y0 = (height - side) / 2;
        int[] in = stored(inside, kind);
        int[] out = stored(outside, kind);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean centre = x >= x0 && x < x0 + side && y >= y0 && y < y0 + side;
                raster.setPixel(x, y, centre ? in : out);
            }
        }
        Files.createDirectories(file.getParent());
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(output);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        if (kind == Cmyk.UNTAGGED) {
            return file;
        }
        byte[] adobe = {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) (kind == Cmyk.ADOBE_YCCK ? 2 : 0)};
        return insertSegment(file, 0xEE, adobe, false);
    }

    private static int[] stored(int[] ink, Cmyk kind) {
        return switch (kind) {
            case UNTAGGED -> ink.clone();
            case ADOBE_INVERTED -> new int[]{255 - ink[0], 255 - ink[1], 255 - ink[2], 255 - ink[3]};
            case ADOBE_YCCK -> {
                // JFIF RGB -> YCbCr applied to the inks, as libjpeg's YCCK encoder does to Photoshop's data
                double r = ink[0];
                double g = ink[1];
                double b = ink[2];
                long luma = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                long cb = Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
                long cr = Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
                yield new int[]{clamp(luma), clamp(cb), clamp(cr), 255 - ink[3]};
            }
        };
    }

    private static int clamp(long value) {
        return (int) Math.max(0, Math.min(255, value));
    }

    /**
     * Splices a marker segment (0xFF, marker, 2-byte length, data) into a JPEG: right after SOI, or after
     * the JFIF APP0 segment when {@code afterJfif} and there is one.
     */
    private static Path insertSegment(Path file, int marker, byte[] data, boolean afterJfif) throws IOException {
        byte[] jpeg = Files.readAllBytes(file);
        int at = 2;
        if (afterJfif && (jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            at = 4 + ((jpeg[4] & 0xFF) << 8 | jpeg[5] & 0xFF);
        }
        int length = data.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        out.writeBytes(new byte[]{(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length});
        out.writeBytes(data);
        out.write(jpeg, at, jpeg.length - at);
        Files.write(file, out.toByteArray());
        return file;
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
