package io.gannotebooks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.bench.ReplayExport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The library's first-order R1 gradient against PyTorch's double backpropagation ({@code bench/r1_reference.py})
 * on the same weights and images, both in float: the design note's D without batch norm. Skipped, saying why,
 * where Debian's python3-torch is not installed ({@code .ci/run} installs it).
 */
class R1ReferenceTest {
    private static final String PYTHON = "/usr/bin/python3";

    @BeforeAll
    static void setUp() {
        Backend.configure();
    }

    static boolean torchPresent() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void firstOrderGradientMatchesPyTorchsDoubleBackpropagation(@TempDir Path dir) throws Exception {
        assumeTrue(torchPresent(), "PyTorch is not installed (apt-get install python3-torch): R1's reference skipped");
        Discriminator d = R1GradientTest.discriminator(DiscriminatorSpec.dcgan(), 21, DataType.FLOAT);
        d.network().params().muli(4); // further from DCGAN's nearly linear N(0, 0.02) start: more kinks to cross
        INDArray real = R1GradientTest.images(22, 8, 3, 64, DataType.FLOAT);
        List<String> shapes = new ArrayList<>();
        ReplayExport.save(dir, shapes, "d_", d.network());
        ReplayExport.save(dir, shapes, "real", real);
        Files.write(dir.resolve("shapes.txt"), shapes, StandardCharsets.UTF_8);

        Process p = new ProcessBuilder(PYTHON, Path.of("bench/r1_reference.py").toAbsolutePath().toString(),
                dir.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "r1_reference.py did not finish");
        assertEquals(0, p.exitValue(), output);

        var penalty = d.gradientPenalty(real, 1, 1); // value (1/2)(1/N) Σ ‖g‖², gradient of (1/2) Σ ‖g‖²
        double torchValue = Double.parseDouble(Files.readString(dir.resolve("r1.txt")).trim());
        assertEquals(torchValue, penalty.value() * real.size(0), 1e-4 * torchValue);

        double errorSquares = 0;
        double normSquares = 0;
        for (var entry : byParameter(d.network(), penalty.parameterGradient()).entrySet()) {
            INDArray mine = entry.getValue().castTo(DataType.DOUBLE);
            INDArray theirs = Nd4j.create(floats(dir.resolve("grad_d_" + entry.getKey() + ".f32")))
                    .castTo(DataType.DOUBLE).reshape(mine.shape());
            double error = mine.sub(theirs).norm2Number().doubleValue();
            double norm = theirs.norm2Number().doubleValue();
            if (entry.getKey().endsWith("_b")) {
                // ∇ₓ s does not depend on the biases (they only move LeakyReLU's kinks): both are exactly 0
                assertEquals(0, mine.amaxNumber().doubleValue(), entry.getKey());
                assertEquals(0, norm, entry.getKey());
            } else {
                assertTrue(error <= 1e-2 * norm, entry.getKey() + ": relative error " + error / norm);
            }
            errorSquares += error * error;
            normSquares += norm * norm;
        }
        double relative = Math.sqrt(errorSquares / normSquares);
        System.out.println("R1 first-order vs PyTorch double backprop, float: relative error " + relative);
        assertTrue(relative <= 1e-4, "relative error over all parameters " + relative); // the issue asks 1e-3; 1e-6 measured
    }

    /** The flat gradient {@code flat} seen per parameter, by DL4J's names ("0_W"), in DL4J's shapes. */
    private static java.util.Map<String, INDArray> byParameter(MultiLayerNetwork net, INDArray flat) {
        net.getFlattenedGradients().assign(flat);
        var out = new java.util.LinkedHashMap<String, INDArray>();
        for (int i = 0; i < net.getnLayers(); i++) {
            var layer = net.getLayer(i);
            if (layer.numParams() == 0) {
                continue;
            }
            var conf = layer.conf();
            conf.getLayer().initializer().getGradientsFromFlattened(conf, layer.getGradientsViewArray())
                    .forEach((name, view) -> out.put(layer.getIndex() + "_" + name, view.dup()));
        }
        return out;
    }

    private static float[] floats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / Float.BYTES];
        b.asFloatBuffer().get(out);
        return out;
    }
}
