package io.gannotebooks.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.testing.TinyGan;
import io.gannotebooks.train.GanTrainer;
import io.gannotebooks.train.TrainingConfig;
import io.gannotebooks.util.Streams;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** What bench/replay.py reads must be exactly what the library's own run used and measured. */
class ReplayExportTest {

    @Test
    void theExportHoldsEachStepsInputsAndTheRunsOwnOutputs(@TempDir Path dir) throws Exception {
        TrainingConfig config = TinyGan.config(6, 3, 8, DataType.FLOAT);
        ImageDataset data = TinyGan.bars(64, 4);
        ReplayExport.write(config, data, dir);

        GanTrainer reference = new GanTrainer(config, data);
        float[] z = floats(dir.resolve("z.f32"));
        float[] real = floats(dir.resolve("real.f32"));
        int latent = config.definition().generator().latentSize();
        int image = (int) reference.realBatch(0).length() / 8;
        assertEquals(3 * 8 * latent, z.length);
        assertEquals(3 * 8 * image, real.length);
        for (int it = 0; it < 3; it++) {
            assertArrayEquals(reference.noise(Streams.TRAINING_NOISE, it, 8).reshape(-1).toFloatVector(),
                    Arrays.copyOfRange(z, it * 8 * latent, (it + 1) * 8 * latent), "noise of step " + it);
            assertArrayEquals(reference.realBatch(it).reshape(-1).toFloatVector(),
                    Arrays.copyOfRange(real, it * 8 * image, (it + 1) * 8 * image), "images of step " + it);
        }
        var history = reference.train();
        List<String> rows = Files.readAllLines(dir.resolve("steps.csv"));
        assertEquals(4, rows.size());
        for (int it = 0; it < 3; it++) {
            String[] cells = rows.get(it + 1).split(",");
            assertEquals(history.row(it).dReal(), Double.parseDouble(cells[1]), 1e-6, "D(x) of step " + it);
            assertEquals(history.row(it).dFake(), Double.parseDouble(cells[2]), 1e-6, "D(G(z)) of step " + it);
        }
        String shapes = Files.readString(dir.resolve("shapes.txt"));
        assertTrue(shapes.contains("g_0_W [" + latent + ", "), shapes);
    }

    private static float[] floats(Path file) throws Exception {
        var buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
