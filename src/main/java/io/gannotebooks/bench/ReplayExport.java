package io.gannotebooks.bench;

import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.train.GanTrainer;
import io.gannotebooks.train.StepResult;
import io.gannotebooks.train.TrainingConfig;
import io.gannotebooks.util.Streams;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes what the PyTorch reference needs to replay the first training steps of a run exactly: both
 * networks' initial parameters, every step's noise and real batch, and D's outputs as the library's own
 * {@link GanTrainer} computed them. {@code bench/replay.py} replays the steps in PyTorch and compares.
 *
 * <p>A one-step check cannot see state carried between steps (Adam's moments, BatchNorm statistics, the
 * data order); a replay of a few dozen steps does. GAN training is chaotic, so the two runs agree to a few
 * digits for the first steps and drift apart later, whatever the framework.
 *
 * <p>Files: one little-endian float32 file per array (NAME.f32), {@code shapes.txt} ("NAME [d0, d1, ...]"
 * per line) and {@code steps.csv} (step, D(x), D(G(z)) in D's step, D(G(z)) in G's step).
 */
public final class ReplayExport {
    private ReplayExport() {
    }

    public static void write(TrainingConfig config, ImageDataset data, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> shapes = new ArrayList<>();
        GanTrainer trainer = new GanTrainer(config, data);
        save(dir, shapes, "g_", trainer.generator().network());
        save(dir, shapes, "d_", trainer.discriminator().network());
        int b = config.batchSize();
        int steps = (int) config.iterations();
        List<INDArray> noise = new ArrayList<>();
        List<INDArray> real = new ArrayList<>();
        for (int it = 0; it < steps; it++) {
            noise.add(trainer.noise(Streams.TRAINING_NOISE, it, b));
            real.add(trainer.realBatch(it));
        }
        save(dir, shapes, "z", Nd4j.concat(0, noise.toArray(INDArray[]::new)));
        save(dir, shapes, "real", Nd4j.concat(0, real.toArray(INDArray[]::new)));
        StringBuilder csv = new StringBuilder("step,d_real,d_fake,d_fake_after\n");
        for (StepResult r : trainer.train().rows()) {
            csv.append(String.format(Locale.ROOT, "%d,%.7f,%.7f,%.7f%n", r.iteration(), r.dReal(), r.dFake(),
                    r.dFakeAfter()));
        }
        Files.writeString(dir.resolve("steps.csv"), csv, StandardCharsets.UTF_8);
        Files.write(dir.resolve("shapes.txt"), shapes, StandardCharsets.UTF_8);
    }

    /** Every parameter of {@code net} as PREFIX + DL4J's name ("d_0_W"), in the files' format. */
    public static void save(Path dir, List<String> shapes, String prefix, MultiLayerNetwork net) throws IOException {
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            save(dir, shapes, prefix + e.getKey(), e.getValue());
        }
    }

    /** {@code a} as NAME.f32 (little-endian float32, row-major), its shape added to {@code shapes}. */
    public static void save(Path dir, List<String> shapes, String name, INDArray a) throws IOException {
        float[] values = a.castTo(DataType.FLOAT).dup('c').reshape(a.length()).toFloatVector();
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        Files.write(dir.resolve(name + ".f32"), bytes.array());
        shapes.add(name + " " + Arrays.toString(a.shape()));
    }
}
