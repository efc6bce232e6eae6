package io.gannotebooks.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LayerClockTest {
    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @AfterEach
    void stopClock() {
        LayerClock.stop();
    }

    private static LayerStack stack() {
        var w = new Parameter(Nd4j.randn(DataType.FLOAT, 5, 3), Nd4j.zeros(DataType.FLOAT, 5, 3));
        var b = new Parameter(Nd4j.randn(DataType.FLOAT, 3), Nd4j.zeros(DataType.FLOAT, 3));
        var w2 = new Parameter(Nd4j.randn(DataType.FLOAT, 3, 2), Nd4j.zeros(DataType.FLOAT, 3, 2));
        var b2 = new Parameter(Nd4j.randn(DataType.FLOAT, 2), Nd4j.zeros(DataType.FLOAT, 2));
        return new LayerStack(List.of(new Dense("dense", w, b), new LeakyReLU("dense.lrelu", 0.2),
                new Dense("out", w2, b2)));
    }

    @Test
    void timesEachLayerInBothDirectionsAndNamedWork() {
        LayerStack layers = stack();
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 5);
        LayerClock clock = LayerClock.start();
        for (int i = 0; i < 2; i++) {
            layers.forward(x);
            layers.backward(Nd4j.ones(DataType.FLOAT, 4, 2), false, true);
            assertEquals(7, (int) LayerClock.time("optimiser", () -> 7));
        }
        String report = clock.report(2, 10.0);
        List<String> lines = report.lines().toList();
        assertTrue(lines.get(1).startsWith("dense ") && lines.get(1).contains("[4, 3]"), report);
        assertTrue(lines.get(2).startsWith("dense.lrelu ") && lines.get(2).contains("[4, 3]"), report);
        assertTrue(lines.get(3).startsWith("out ") && lines.get(3).contains("[4, 2]"), report);
        assertTrue(lines.get(4).startsWith("optimiser "), report);
        assertTrue(lines.get(5).startsWith("the rest ") && lines.get(6).startsWith("iteration "), report);
        // 10 s over 2 iterations: the rows and the rest add up to 5 000 ms an iteration
        assertTrue(lines.get(6).trim().endsWith("5000.0"), report);
    }

    @Test
    void nothingIsRecordedWhenNoClockRuns() {
        LayerStack layers = stack();
        layers.forward(Nd4j.randn(DataType.FLOAT, 4, 5));
        LayerClock clock = LayerClock.start();
        String report = clock.report(1, 1.0);
        assertEquals(3, report.lines().count(), "header, the rest and the iteration only: " + report);
    }
}
