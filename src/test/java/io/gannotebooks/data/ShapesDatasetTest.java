package io.gannotebooks.data;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapesDatasetTest {
    private static final int PIXELS = 3 * 64 * 64;

    private static float[] pixels(ShapesDataset dataset, int... indices) {
        float[] dest = new float[indices.length * PIXELS];
        dataset.fill(indices, dest);
        return dest;
    }

    @Test
    void sameSeedAndIndexGiveTheSameImageInAnyOrder() {
        ShapesDataset dataset = new ShapesDataset(7, 1000);
        float[] forward = pixels(dataset, 3, 500, 999);
        float[] one = pixels(new ShapesDataset(7, 1000), 500);
        assertArrayEquals(Arrays.copyOfRange(forward, PIXELS, 2 * PIXELS), one);
        assertArrayEquals(forward, pixels(dataset, 3, 500, 999));
        assertEquals(dataset.factors(42), new ShapesDataset(7, 50).factors(42));
    }

    @Test
    void differentSeedsOrIndicesGiveDifferentImages() {
        float[] a = pixels(new ShapesDataset(1, 10), 0);
        float[] b = pixels(new ShapesDataset(2, 10), 0);
        float[] c = pixels(new ShapesDataset(1, 10), 1);
        assertFalse(Arrays.equals(a, b));
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void pixelsStayInMinusOneToOne() {
        ShapesDataset dataset = new ShapesDataset(3, 200);
        float[] all = pixels(dataset, IntStream.range(0, 200).toArray());
        for (float v : all) {
            assertTrue(v >= -1f && v <= 1f, "pixel out of range: " + v);
        }
        assertEquals(200, dataset.batch(IntStream.range(0, 200).toArray()).size(0));
    }

    @Test
    void everyClassAppearsAboutEquallyOften() {
        ShapesDataset dataset = new ShapesDataset(11, 2000);
        int[] counts = new int[dataset.classCount()];
        for (int i = 0; i < dataset.size(); i++) {
            counts[dataset.label(i)]++;
        }
        // 400 expected per class, standard deviation about 18
        for (int count : counts) {
            assertTrue(count > 320 && count < 480, "unbalanced classes: " + Arrays.toString(counts));
        }
    }

    @Test
    void continuousFactorsCoverTheirRanges() {
        ShapesDataset dataset = new ShapesDataset(5, 2000);
        double minX = 1, maxX = 0, minSize = 1, maxSize = 0, minHue = 1, maxHue = 0, maxRotation = 0;
        for (int i = 0; i < dataset.size(); i++) {
            ShapeFactors f = dataset.factors(i);
            minX = Math.min(minX, f.x());
            maxX = Math.max(maxX, f.x());
            minSize = Math.min(minSize, f.size());
            maxSize = Math.max(maxSize, f.size());
            minHue = Math.min(minHue, f.hue());
            maxHue = Math.max(maxHue, f.hue());
            maxRotation = Math.max(maxRotation, f.rotation());
            double hueGap = Math.abs(f.hue() - f.backgroundHue());
            assertTrue(Math.min(hueGap, 1 - hueGap) >= 0.25 - 1e-9, "background hue too close: " + f);
            // the shape never leaves the frame
            assertTrue(f.x() - f.size() > 0 && f.x() + f.size() < 1, f.toString());
            assertTrue(f.y() - f.size() > 0 && f.y() + f.size() < 1, f.toString());
        }
        assertTrue(minX < 0.3 && maxX > 0.7, "positions " + minX + ".." + maxX);
        assertTrue(minSize < ShapesDataset.MIN_SIZE * 1.05 && maxSize > ShapesDataset.MAX_SIZE * 0.95);
        assertTrue(minHue < 0.02 && maxHue > 0.98);
        assertTrue(maxRotation > 6.0);
    }

    @Test
    void shapeIsDrawnWhereTheFactorsSay() {
        ShapesDataset dataset = new ShapesDataset(9, 100);
        for (int i = 0; i < dataset.size(); i++) {
            ShapeFactors f = dataset.factors(i);
            if (f.shape() == ShapeClass.RING) {
                continue; // its centre is a hole
            }
            float[] image = pixels(dataset, i);
            double[] shape = ShapeRenderer.hsvToRgb(f.hue(), 0.8, 0.95);
            int at = (int) (f.y() * 64) * 64 + (int) (f.x() * 64);
            for (int c = 0; c < 3; c++) {
                assertEquals(2 * shape[c] - 1, image[at + c * 64 * 64], 1e-5, "centre of image " + i);
            }
            // a corner is background: dark
            assertTrue(image[0] < -0.2 && image[64 * 64] < -0.2 && image[2 * 64 * 64] < -0.2);
        }
    }

    /**
     * Classes stay apart at the smallest size: whatever the rotation of the other shape, at least 25 of
     * the 4096 pixels change coverage completely. Colour contrast then makes that visible in the image.
     */
    @Test
    void classesDifferAtTheSmallestSizeForAnyRotation() {
        ShapeClass[] classes = ShapeClass.values();
        for (ShapeClass a : classes) {
            float[] maskA = ShapeRenderer.coverage(smallest(a, 0.3), 64);
            for (ShapeClass b : classes) {
                if (a == b) {
                    continue;
                }
                double closest = Double.MAX_VALUE;
                for (int step = 0; step < 72; step++) {
                    float[] maskB = ShapeRenderer.coverage(smallest(b, step * Math.PI / 36), 64);
                    double difference = 0;
                    for (int p = 0; p < maskA.length; p++) {
                        difference += Math.abs(maskA[p] - maskB[p]);
                    }
                    closest = Math.min(closest, difference);
                }
                assertTrue(closest > 25, a + " vs " + b + " differ by only " + closest + " pixels");
            }
        }
    }

    private static ShapeFactors smallest(ShapeClass shape, double rotation) {
        return new ShapeFactors(shape, 0.5, 0.5, ShapesDataset.MIN_SIZE, rotation, 0, 0.5, 0);
    }

    @Test
    void imagesOfDifferentClassesDiffer() {
        ShapeFactors base = new ShapeFactors(ShapeClass.DISC, 0.5, 0.5, 0.25, 0.4, 0.1, 0.6, 1.0);
        float[][] images = new float[ShapeClass.values().length][PIXELS];
        for (ShapeClass shape : ShapeClass.values()) {
            ShapeFactors f = new ShapeFactors(shape, base.x(), base.y(), base.size(), base.rotation(), base.hue(),
                    base.backgroundHue(), base.lightDirection());
            ShapeRenderer.render(f, 64, images[shape.ordinal()], 0);
        }
        for (int a = 0; a < images.length; a++) {
            for (int b = a + 1; b < images.length; b++) {
                double distance = 0;
                for (int p = 0; p < PIXELS; p++) {
                    distance += Math.abs(images[a][p] - images[b][p]);
                }
                assertTrue(distance > 100, "classes " + a + " and " + b + ": " + distance);
            }
        }
    }

    @Test
    void imageIsTheRgbPictureOfTheFloats() {
        ShapesDataset dataset = new ShapesDataset(1, 10);
        BufferedImage image = dataset.image(4);
        float[] floats = pixels(dataset, 4);
        assertEquals(64, image.getWidth());
        int rgb = image.getRGB(10, 20);
        assertEquals(ImageConversion.toByte(floats[20 * 64 + 10]), rgb >> 16 & 0xFF);
        assertEquals(ImageConversion.toByte(floats[2 * 64 * 64 + 20 * 64 + 10]), rgb & 0xFF);
    }

    @Test
    void rejectsBadSizesAndIndices() {
        assertThrows(IllegalArgumentException.class, () -> new ShapesDataset(1, 0));
        ShapesDataset dataset = new ShapesDataset(1, 10);
        assertThrows(IndexOutOfBoundsException.class, () -> dataset.factors(10));
        assertThrows(IndexOutOfBoundsException.class, () -> dataset.label(-1));
    }

    @Test
    void standardDatasetIsTheDocumentedOne() {
        ShapesDataset standard = ShapesDataset.standard();
        assertEquals(20_000, standard.size());
        assertEquals(1, standard.seed());
        assertEquals(64, standard.imageSize());
        assertEquals(3, standard.channels());
        assertEquals("shapes (seed 1, 20000 images)", standard.name());
    }

    @Test
    void aSelectionKeepsItsClassesImagesAsTheyAreInTheWholeSet() {
        ShapesDataset whole = new ShapesDataset(4, 300);
        ShapesDataset squares = whole.select(EnumSet.of(ShapeClass.SQUARE), false);
        int[] wholeIndices = IntStream.range(0, whole.size()).filter(i -> whole.factors(i).shape() == ShapeClass.SQUARE)
                .toArray();
        assertEquals(wholeIndices.length, squares.size());
        assertTrue(squares.size() > 30 && squares.size() < 90, "about a fifth: " + squares.size());
        for (int i = 0; i < squares.size(); i++) {
            assertEquals(whole.factors(wholeIndices[i]), squares.factors(i));
        }
        assertArrayEquals(pixels(whole, wholeIndices[7]), pixels(squares, 7));
        assertEquals(ShapeClass.SQUARE.ordinal(), squares.label(squares.size() - 1));
        assertThrows(IndexOutOfBoundsException.class, () -> squares.factors(squares.size()));
    }

    @Test
    void uprightDrawsTheSameShapeUnrotated() {
        ShapesDataset whole = new ShapesDataset(4, 300);
        ShapesDataset upright = whole.select(EnumSet.allOf(ShapeClass.class), true);
        assertEquals(whole.size(), upright.size());
        for (int i = 0; i < upright.size(); i++) {
            ShapeFactors f = whole.factors(i);
            ShapeFactors u = upright.factors(i);
            assertEquals(0, u.rotation());
            assertEquals(f.withRotation(0), u);
        }
        // a square turned by a visible angle covers other pixels than the upright one
        int square = IntStream.range(0, whole.size()).filter(i -> whole.factors(i).shape() == ShapeClass.SQUARE
                && Math.abs(Math.sin(2 * whole.factors(i).rotation())) > 0.5).findFirst().orElseThrow();
        float[] turned = pixels(whole, square);
        float[] straight = pixels(upright, square);
        double difference = 0;
        for (int p = 0; p < PIXELS; p++) {
            difference += Math.abs(turned[p] - straight[p]);
        }
        assertTrue(difference > 20, "rotation changed only " + difference);
    }

    @Test
    void theStandardSelectionsAreNamedAsTheCommandLineSpellsThem() {
        ShapesDataset squares = ShapesDataset.selection("upright, Square");
        assertEquals(3983, squares.size()); // the squares among the standard 20 000
        assertEquals(Set.of(ShapeClass.SQUARE), squares.classes());
        assertTrue(squares.upright());
        assertEquals("shapes:square,upright", squares.spec());
        assertEquals("shapes:square,upright (3983 of the 20000 images of seed 1)", squares.name());
        assertEquals("shapes:upright", ShapesDataset.selection("upright").spec());
        assertEquals("shapes", ShapesDataset.selection("disc,square,triangle,ring,cross").spec());
        assertEquals("shapes:disc,ring", ShapesDataset.selection("ring,disc").spec());
        assertEquals(20_000, ShapesDataset.selection("upright").size());
        // reopened by the spec, as a checkpoint does
        ShapesDataset reopened = (ShapesDataset) Datasets.open(squares.spec(), false, null);
        assertEquals(squares.factors(100), reopened.factors(100));
        assertEquals("shapes:square,upright", Datasets.canonicalSpec("shapes:upright,square"));
        assertTrue(Datasets.sameSpec("shapes:upright,square", "shapes:square,upright"));
    }

    @Test
    void aBadSelectionIsOneLineNamingTheWord() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> Datasets.open("shapes:sqare", false, null));
        assertEquals("'sqare' in --data shapes:sqare is not a shape class (disc, square, triangle, ring, cross) nor"
                + " 'upright'", unknown.getMessage());
        var twice = assertThrows(IllegalArgumentException.class, () -> ShapesDataset.selection("upright,upright"));
        assertTrue(twice.getMessage().contains("'upright' is named twice"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Datasets.open("shapes:", false, null));
        assertThrows(IllegalArgumentException.class, () -> Datasets.open("shapes:square+flip", false, null));
        assertThrows(IllegalArgumentException.class, () -> new ShapesDataset(1, 10).select(EnumSet.noneOf(ShapeClass.class), true));
    }
}
