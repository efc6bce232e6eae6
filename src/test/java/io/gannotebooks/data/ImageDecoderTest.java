package io.gannotebooks.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDecoderTest {
    private static final int SIDE = 64;
    private static final int PLANE = SIDE * SIDE;

    @TempDir
    Path dir;

    private final ImageDecoder decoder = new ImageDecoder(SIDE);

    private static int level(byte[] pixels, int channel, int x, int y) {
        return pixels[channel * PLANE + y * SIDE + x] & 0xFF;
    }

    /** Asserts every pixel is (r, g, b) within {@code tolerance} levels. */
    private static void assertAll(byte[] pixels, int r, int g, int b, int tolerance) {
        assertEquals(3 * PLANE, pixels.length);
        int[] expected = {r, g, b};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < PLANE; i++) {
                int actual = pixels[c * PLANE + i] & 0xFF;
                assertTrue(Math.abs(actual - expected[c]) <= tolerance,
                        "channel " + c + " pixel " + i + ": " + actual + ", expected " + expected[c]);
            }
        }
    }

    @Test
    void readsRgbPngExactly() throws Exception {
        Path file = TestImages.write(dir.resolve("rgb.png"), TestImages.filled(100, 100, new Color(10, 200, 90)), "png");
        assertAll(decoder.decode(file), 10, 200, 90, 0);
    }

    @Test
    void grayKeepsItsLevelInsteadOfBeingTreatedAsLinearLight() throws Exception {
        Path file = TestImages.write(dir.resolve("gray.png"), TestImages.gray(80, 128), "png");
        assertAll(decoder.decode(file), 128, 128, 128, 0);
    }

    @Test
    void sixteenBitGrayIsScaledToEightBits() throws Exception {
        Path file = TestImages.write(dir.resolve("gray16.png"), TestImages.gray16(80, 128 * 257), "png");
        assertEquals(16, ImageIO.read(file.toFile()).getColorModel().getComponentSize(0), "written as 16-bit");
        assertAll(decoder.decode(file), 128, 128, 128, 0);
    }

    @Test
    void sixteenBitRgbIsScaledToEightBits() throws Exception {
        Path file = TestImages.write(dir.resolve("rgb16.png"), TestImages.rgb16(70, 65535, 0, 100 * 257), "png");
        assertEquals(16, ImageIO.read(file.toFile()).getColorModel().getComponentSize(0), "written as 16-bit");
        assertAll(decoder.decode(file), 255, 0, 100, 0);
    }

    @Test
    void transparencyIsFlattenedOntoWhite() throws Exception {
        Path file = TestImages.write(dir.resolve("alpha.png"), TestImages.halfTransparent(64, Color.RED), "png");
        byte[] pixels = decoder.decode(file);
        for (int c = 0; c < 3; c++) {
            assertEquals(255, level(pixels, c, 5, 30), "transparent left half");
        }
        assertEquals(255, level(pixels, 0, 60, 30));
        assertEquals(0, level(pixels, 1, 60, 30), "opaque red right half");
    }

    @Test
    void grayWithAlphaIsFlattenedOntoWhite() throws Exception {
        Path file = TestImages.write(dir.resolve("gray-alpha.png"), TestImages.grayAlpha(64, 40), "png");
        byte[] pixels = decoder.decode(file);
        assertEquals(255, level(pixels, 1, 5, 5));
        assertEquals(40, level(pixels, 1, 60, 5));
    }

    @Test
    void readsPaletteGifBmpAndJpeg() throws Exception {
        Path png = TestImages.write(dir.resolve("palette.png"), TestImages.palette(64, Color.RED), "png");
        assertAll(decoder.decode(png), 255, 0, 0, 0);
        Path gif = TestImages.write(dir.resolve("a.gif"), TestImages.palette(90, Color.BLUE), "gif");
        assertAll(decoder.decode(gif), 0, 0, 255, 0);
        Path bmp = TestImages.write(dir.resolve("a.bmp"), TestImages.filled(64, 64, Color.YELLOW), "bmp");
        assertAll(decoder.decode(bmp), 255, 255, 0, 0);
        Path jpeg = TestImages.write(dir.resolve("a.jpg"), TestImages.filled(128, 128, new Color(0, 128, 255)), "jpg");
        assertAll(decoder.decode(jpeg), 0, 128, 255, 6); // lossy
    }

    @Test
    void enlargesAOnePixelImage() throws Exception {
        Path file = TestImages.write(dir.resolve("dot.png"), TestImages.filled(1, 1, Color.MAGENTA), "png");
        assertAll(decoder.decode(file), 255, 0, 255, 0);
    }

    @Test
    void centreCropsWideAndTallImages() throws Exception {
        Path wide = TestImages.write(dir.resolve("wide.png"),
                TestImages.centreSquare(300, 100, Color.RED, Color.BLUE), "png");
        assertAll(decoder.decode(wide), 255, 0, 0, 0);
        Path tall = TestImages.write(dir.resolve("tall.png"),
                TestImages.centreSquare(90, 250, Color.RED, Color.BLUE), "png");
        assertAll(decoder.decode(tall), 255, 0, 0, 0);
    }

    @Test
    void shrinksAHugePhotoFromItsCentre() throws Exception {
        Path file = TestImages.write(dir.resolve("big.jpg"),
                TestImages.centreSquare(4000, 3000, Color.GREEN, Color.BLUE), "jpg");
        byte[] pixels = decoder.decode(file);
        int green = 0;
        for (int i = 0; i < PLANE; i++) {
            if ((pixels[PLANE + i] & 0xFF) > 200 && (pixels[2 * PLANE + i] & 0xFF) < 50) {
                green++;
            }
        }
        assertTrue(green > 0.95 * PLANE, "only " + green + " green pixels");
    }

    /** Mean of each channel over the whole decoded picture. */
    private static double[] means(byte[] pixels) {
        double[] means = new double[3];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < PLANE; i++) {
                means[c] += (pixels[c * PLANE + i] & 0xFF) / (double) PLANE;
            }
        }
        return means;
    }

    private static void assertMeans(byte[] pixels, int r, int g, int b, double tolerance, String what) {
        double[] means = means(pixels);
        int[] expected = {r, g, b};
        for (int c = 0; c < 3; c++) {
            assertEquals(expected[c], means[c], tolerance, what + ": channel " + c + " of "
                    + java.util.Arrays.toString(means));
        }
    }

    private static final Color TL = Color.RED;
    private static final Color TR = Color.GREEN;
    private static final Color BL = Color.BLUE;
    private static final Color BR = Color.WHITE;

    /**
     * Where each stored quadrant is displayed, from the EXIF (TIFF 6.0) definitions of the orientation
     * values: "0th row at the visual top/right/bottom/left, 0th column at the visual left/top/right/bottom".
     * Listed as the displayed top-left, top-right, bottom-left, bottom-right quadrants.
     */
    private static final Color[][] DISPLAYED = {
            null,
            {TL, TR, BL, BR}, // 1: row 0 top, column 0 left
            {TR, TL, BR, BL}, // 2: row 0 top, column 0 right
            {BR, BL, TR, TL}, // 3: row 0 bottom, column 0 right
            {BL, BR, TL, TR}, // 4: row 0 bottom, column 0 left
            {TL, BL, TR, BR}, // 5: row 0 left, column 0 top
            {BL, TL, BR, TR}, // 6: row 0 right, column 0 top (portrait photo from a phone)
            {BR, TR, BL, TL}, // 7: row 0 right, column 0 bottom
            {TR, BR, TL, BL}, // 8: row 0 left, column 0 bottom
    };

    @Test
    void exifOrientationTurnsAndMirrorsThePictureUpright() throws Exception {
        for (int orientation = 1; orientation <= 8; orientation++) {
            for (boolean intel : new boolean[]{true, false}) {
                // wide, so the centre crop happens before the turn
                Path file = TestImages.jpegWithExifOrientation(dir.resolve("o" + orientation + intel + ".jpg"),
                        TestImages.quadrants(240, 160, TL, TR, BL, BR), orientation, intel);
                byte[] pixels = decoder.decode(file);
                int[][] corners = {{16, 16}, {48, 16}, {16, 48}, {48, 48}};
                for (int q = 0; q < 4; q++) {
                    Color expected = DISPLAYED[orientation][q];
                    int x = corners[q][0];
                    int y = corners[q][1];
                    String where = "orientation " + orientation + (intel ? " II" : " MM") + " quadrant " + q;
                    assertEquals(expected.getRed(), level(pixels, 0, x, y), 8, where);
                    assertEquals(expected.getGreen(), level(pixels, 1, x, y), 8, where);
                    assertEquals(expected.getBlue(), level(pixels, 2, x, y), 8, where);
                }
            }
        }
    }

    @Test
    void badExifOrientationLeavesThePictureAsStored() throws Exception {
        Path file = TestImages.jpegWithExifOrientation(dir.resolve("o9.jpg"),
                TestImages.quadrants(64, 64, TL, TR, BL, BR), 9, false);
        byte[] pixels = decoder.decode(file);
        assertEquals(255, level(pixels, 0, 10, 10), 8, "red stays top left");
        assertEquals(255, level(pixels, 1, 50, 10), 8, "green stays top right");
    }

    /** A red rose in CMYK ink (C, M, Y, K, 255 = full ink), and what it is on screen: 158, 81, 76. */
    private static final int[] ROSE = {0, 124, 132, 97};
    private static final int[] BLACK_INK = {0, 0, 0, 255};

    @Test
    void cmykJpegsOfEveryKindDecodeToTheirColours() throws Exception {
        for (TestImages.Cmyk kind : TestImages.Cmyk.values()) {
            Path rose = TestImages.cmykJpeg(dir.resolve("rose-" + kind + ".jpg"), 96, 96, ROSE, ROSE, kind);
            assertMeans(decoder.decode(rose), 158, 81, 76, 4, kind + " rose");
            Path black = TestImages.cmykJpeg(dir.resolve("black-" + kind + ".jpg"), 96, 96, BLACK_INK, BLACK_INK,
                    kind);
            assertMeans(decoder.decode(black), 0, 0, 0, 3, kind + " black");
            Path paper = TestImages.cmykJpeg(dir.resolve("white-" + kind + ".jpg"), 96, 96, new int[4], new int[4],
                    kind);
            assertMeans(decoder.decode(paper), 255, 255, 255, 3, kind + " no ink");
        }
    }

    @Test
    void bigCmykPhotoIsCroppedAndShrunkLikeAnyOther() throws Exception {
        Path file = TestImages.cmykJpeg(dir.resolve("big-cmyk.jpg"), 1600, 1200, ROSE, BLACK_INK,
                TestImages.Cmyk.ADOBE_INVERTED);
        byte[] pixels = decoder.decode(file);
        assertMeans(pixels, 158, 81, 76, 5, "the rose centre square only");
        assertEquals(158, level(pixels, 0, 1, 32), 8, "no black border at the left edge");
    }

    @Test
    void refusesFilesThatAreNotCompleteImages() throws Exception {
        assertReason("damaged", TestImages.truncatedJpeg(dir.resolve("cut.jpg")));
        assertReason("not a supported image", TestImages.textFile(dir.resolve("text.jpg")));
        assertReason("empty file", TestImages.emptyFile(dir.resolve("empty.png")));
        assertReason("", TestImages.corruptHeaderJpeg(dir.resolve("corrupt.jpg")));
        assertReason("", dir.resolve("missing.png"));
    }

    private void assertReason(String expected, Path file) {
        UnreadableImageException e = assertThrows(UnreadableImageException.class, () -> decoder.decode(file));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertTrue(!e.getMessage().isBlank() && !e.getMessage().contains("\n"), e.getMessage());
    }
}
