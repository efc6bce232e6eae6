package io.gannotebooks.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PhasePlotTest {
    @Test
    void eachArrowPointsAlongTheFieldAndTheStrongestFitsTheGrid() {
        // a rotation: (x, y) -> (y, -x), zero at the origin
        var plot = PhasePlot.titled("rotation").within(2).field((x, y) -> new double[]{y, -x}, 5);
        var arrows = plot.arrows();
        assertEquals(24, arrows.size(), "5 x 5 grid points, none at the origin where the field is zero");
        double spacing = 1.0;
        for (double[] a : arrows) {
            double[] x = {a[0], a[2]};
            double[] y = {a[1], a[3]};
            double cx = (x[0] + x[1]) / 2;
            double cy = (y[0] + y[1]) / 2;
            double dx = x[1] - x[0];
            double dy = y[1] - y[0];
            double length = Math.hypot(dx, dy);
            // parallel to (cy, -cx), same sense
            assertEquals(0, dx * (-cx) - dy * cy, 1e-9);
            assertTrue(dx * cy + dy * (-cx) > 0, "points the field's way at " + cx + ", " + cy);
            assertTrue(length <= 0.85 * spacing + 1e-9, "fits between grid points");
        }
    }

    @Test
    void pathsAreDrawnWithTheirStart() {
        BufferedImage image = PhasePlot.titled("paths").axes("θ", "ψ")
                .path("a", new double[]{1, 0.5, 0}, new double[]{1, 0.5, 0}).image();
        assertEquals(560, image.getWidth());
        var plot = PhasePlot.titled("p").path("a", new double[]{1, 2}, new double[]{3, 4});
        assertEquals(1.0, plot.starts().get(0)[0], 0);
        assertEquals(3.0, plot.starts().get(0)[1], 0);
        assertThrows(IllegalArgumentException.class, () -> PhasePlot.titled("p").path("b", new double[]{1}, new double[0]));
        assertThrows(IllegalArgumentException.class, () -> PhasePlot.titled("p").field((x, y) -> new double[]{1, 0}, 1));
    }
}
