package io.gannotebooks.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.metrics.MetricsRecorder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Notebook 4's charts of a metrics.csv as MetricsRecorder.read gives it back. */
class EvaluationChartsTest {
    // whole numbers only in some columns: Tablesaw reads those as integers, not doubles
    private static final String CSV = """
            iteration,fd,precision,recall,confident,share_disc,share_square,share_triangle,share_ring,share_cross,seconds
            200,12.5,0.0,0.0,0.0,0.0,1.0,0.0,0.0,0.0,3.1
            400,8.25,0.25,0.5,0.0,0.0,0.0,0.0,1.0,0.0,3.0
            600,4.0,0.5,0.75,0.25,0.25,0.0,0.5,0.25,0.0,3.2
            """;

    private static Table metrics(Path dir) throws IOException {
        Path file = dir.resolve(MetricsRecorder.FILE);
        Files.writeString(file, CSV);
        return MetricsRecorder.read(file);
    }

    @Test
    void classSharesDrawFromColumnsOfWholeNumbers(@TempDir Path dir) throws IOException {
        Table metrics = metrics(dir);
        BufferedImage image = EvaluationCharts.classSharesOverTraining(metrics, 0.2);
        assertEquals(800, image.getWidth());
        assertEquals(340, image.getHeight());
    }

    @Test
    void measuresAndFractionsHaveTheirOwnCharts(@TempDir Path dir) throws IOException {
        Table metrics = metrics(dir);
        BufferedImage fd = EvaluationCharts.measure(metrics, "Fréchet distance", "fd");
        BufferedImage shares = EvaluationCharts.fractions(metrics, "Precision and recall", "precision", "recall");
        assertEquals(fd.getWidth(), shares.getWidth());
        // the two charts differ: not one picture with both scales squeezed onto one axis
        boolean differ = false;
        for (int x = 0; x < fd.getWidth() && !differ; x += 7) {
            for (int y = 0; y < fd.getHeight() && !differ; y += 7) {
                differ = fd.getRGB(x, y) != shares.getRGB(x, y);
            }
        }
        assertTrue(differ);
    }
}
