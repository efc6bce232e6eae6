package io.gannotebooks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.util.Streams;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class AugmentationTest {
    private static INDArray random(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, shape).muli(2).subi(1);
    }

    /**
     * Every transform is affine, y = A x + a, so G's gradient is right exactly when backward is Aᵀ:
     * ⟨g, y(x + v) − y(x)⟩ = ⟨backward(g), v⟩ for any image x, direction v and upstream gradient g.
     */
    @Test
    void backwardIsTheTransposeOfForward() {
        for (String policy : new String[]{"colour", "translation", "cutout", "blur", "colour,translation,cutout,blur"}) {
            Augmentation aug = Augmentation.parse(policy);
            INDArray x = random(1, 4, 3, 16, 16);
            INDArray v = random(2, 4, 3, 16, 16);
            INDArray g = random(3, 4, 3, 16, 16);
            var at = aug.apply(x, Streams.of(7, 99, 0));
            var atShifted = aug.apply(x.add(v), Streams.of(7, 99, 0));
            double lhs = g.mul(atShifted.images().sub(at.images())).sumNumber().doubleValue();
            double rhs = at.backward(g).mul(v).sumNumber().doubleValue();
            assertEquals(lhs, rhs, 1e-3 * Math.max(1, Math.abs(lhs)), policy);
        }
    }

    @Test
    void sameDrawsGiveTheSameImagesAndTheInputIsUntouched() {
        INDArray x = random(4, 2, 3, 16, 16);
        INDArray before = x.dup();
        INDArray a = Augmentation.ALL.apply(x, Streams.of(1, 99, 5)).images();
        INDArray b = Augmentation.ALL.apply(x, Streams.of(1, 99, 5)).images();
        INDArray c = Augmentation.ALL.apply(x, Streams.of(1, 99, 6)).images();
        assertEquals(before, x);
        assertEquals(a, b);
        assertTrue(a.sub(c).norm2Number().doubleValue() > 1);
    }

    @Test
    void cutoutBlanksAQuarterOfEachImageAndTranslationKeepsTheRest() {
        INDArray ones = Nd4j.ones(DataType.FLOAT, 3, 3, 16, 16);
        INDArray cut = Augmentation.parse("cutout").apply(ones, Streams.of(1, 99, 0)).images();
        for (int n = 0; n < 3; n++) {
            assertEquals(3 * 16 * 16 * 3 / 4.0, cut.slice(n).sumNumber().doubleValue(), 1e-6);
        }
        INDArray shifted = Augmentation.parse("translation").apply(ones, Streams.of(1, 99, 0)).images();
        // a shift of at most 2 px in each direction leaves at least 14 x 14 of every 16 x 16 plane
        for (int n = 0; n < 3; n++) {
            assertTrue(shifted.slice(n).sumNumber().doubleValue() >= 3 * 14 * 14);
        }
    }

    @Test
    void blurKeepsAFlatInteriorSoftensAnEdgeAndDarkensTheBorderAlike() {
        INDArray half = Nd4j.zeros(DataType.FLOAT, 1, 3, 16, 16);
        half.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(8, 16)).assign(1);
        INDArray blurred = Augmentation.parse("blur").apply(half, Streams.of(1, 99, 0)).images();
        assertEquals(1, blurred.getDouble(0, 0, 8, 11), 1e-6);          // 3σ from the edge and the border: untouched
        assertEquals(0, blurred.getDouble(0, 0, 8, 2), 1e-6);
        double justInside = blurred.getDouble(0, 0, 8, 8);             // the edge between columns 7 and 8
        double justOutside = blurred.getDouble(0, 0, 8, 7);
        assertTrue(justInside > 0.6 && justInside < 0.9, "edge softened inside: " + justInside);
        assertEquals(1 - justInside, justOutside, 1e-6);               // symmetric about the edge
        assertTrue(blurred.getDouble(0, 0, 0, 12) < 0.9);              // zeros beyond the border come in
    }

    @Test
    void parsesNamesAndRefusesOthers() {
        assertEquals(Augmentation.ALL, Augmentation.parse("color, translation,cutout"));
        assertTrue(Augmentation.parse("none").isNone());
        assertEquals("translation,cutout", Augmentation.parse("cutout,translation").toString());
        assertEquals("cutout,blur", Augmentation.parse("blur,cutout").toString());
        assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("rotation"));
    }
}
