package io.gannotebooks.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

/** The networks built from the design note have the design note's shapes, checked on real forward passes. */
class NetworkShapeTest {
    static Generator g;
    static Discriminator d;

    @BeforeAll
    static void build() {
        Backend.configure();
        g = new Generator(GeneratorSpec.designNote(), NetworkSettings.dcgan(3));
        d = new Discriminator(DiscriminatorSpec.dcgan(), NetworkSettings.dcgan(3));
    }

    @Test
    void generatorLayersProduceTheDesignNoteShapes() {
        INDArray z = LatentNoise.sample(1, 0, 0, 2, 100, g.network().getLayerWiseConfigurations().getDataType());
        List<INDArray> acts = g.network().feedForward(z, false);
        // acts[0] is the input; acts[i + 1] is layer i's output
        assertArrayEquals(new long[]{2, 100}, acts.get(0).shape());
        assertArrayEquals(new long[]{2, 8192}, acts.get(1).shape(), "dense: W is 8192x100");
        assertArrayEquals(new long[]{2, 256, 16, 16}, acts.get(2).shape(), "8x8x128 -> 16x16x256");
        assertArrayEquals(new long[]{2, 128, 32, 32}, acts.get(5).shape(), "16x16x256 -> 32x32x128");
        assertArrayEquals(new long[]{2, 64, 64, 64}, acts.get(8).shape(), "32x32x128 -> 64x64x64");
        INDArray image = acts.get(acts.size() - 1);
        assertArrayEquals(new long[]{2, 3, 64, 64}, image.shape(), "final Conv2D -> 64x64x3");
        assertTrue(image.amaxNumber().doubleValue() <= 1.0, "tanh keeps pixels in [-1, 1]");
        assertTrue(acts.get(1).minNumber().doubleValue() >= 0, "ReLU after the dense layer");
    }

    @Test
    void denseLayerHasTheDesignNotesWeightMatrix() {
        INDArray w = g.network().getLayer(0).getParam("W");
        assertArrayEquals(new long[]{100, 8192}, w.shape(), "DL4J stores W as nIn x nOut, i.e. W^T of y = Wz + b");
        double std = w.stdNumber().doubleValue();
        assertEquals(0.02, std, 0.002, "weights initialised N(0, 0.02)");
        assertEquals(0.0, w.meanNumber().doubleValue(), 0.001);
    }

    @Test
    void discriminatorMapsImagesToProbabilities() {
        INDArray images = g.generate(LatentNoise.sample(1, 0, 1, 3, 100,
                g.network().getLayerWiseConfigurations().getDataType()));
        INDArray p = d.probability(images);
        assertArrayEquals(new long[]{3, 1}, p.shape());
        assertTrue(p.minNumber().doubleValue() > 0 && p.maxNumber().doubleValue() < 1);
    }

    @Test
    void summariesListEveryLayerWithShapesAndParameterCounts() {
        Table gs = g.summary();
        assertEquals(g.network().getnLayers(), gs.rowCount());
        assertEquals("8192", gs.stringColumn("output shape").get(0));
        assertEquals("3x64x64", gs.stringColumn("output shape").get(gs.rowCount() - 1));
        assertEquals(100L * 8192 + 8192, gs.longColumn("parameters").get(0));
        assertEquals(g.network().numParams(), (long) gs.longColumn("parameters").sum());
        Table ds = d.summary();
        assertEquals("64x32x32", ds.stringColumn("output shape").get(0));
        assertEquals("1", ds.stringColumn("output shape").get(ds.rowCount() - 1));
        assertEquals(d.network().numParams(), (long) ds.longColumn("parameters").sum());
    }

    @Test
    void theFastPathIsActive() {
        // on Linux x86-64 the build picks the oneDNN natives; the shim lets DL4J's helpers use them
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the oneDNN build is chosen on Linux x86-64 only");
        assertTrue(Backend.describe().fastPath(), Backend.describe().line());
    }
}
