package io.gannotebooks.bench;

import io.gannotebooks.data.ShapeClass;
import io.gannotebooks.data.ShapesDataset;
import io.gannotebooks.metrics.Evaluation;
import io.gannotebooks.metrics.Evaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images as raw bytes, [n, 3, 64, 64] NCHW, one unsigned byte per value: the exchange format with the
 * PyTorch reference in bench/, which trains on the library's shapes and hands its samples back to the
 * library's evaluator (so both stacks are judged by the same classifier on the same real sets).
 *
 * <pre>
 *   java ... io.gannotebooks.bench.RawImages export FILE        the 20 000 standard shapes
 *   java ... io.gannotebooks.bench.RawImages labels FILE        their classes, one byte each (ShapeClass ordinal)
 *   java ... io.gannotebooks.bench.RawImages folder DIR CLASS   the shapes of one class as PNGs (--data DIR)
 *   java ... io.gannotebooks.bench.RawImages evaluate FILE      measures generated images against the shapes
 * </pre>
 */
public final class RawImages {
    private static final int VALUES = 3 * 64 * 64;

    public static void main(String[] args) throws IOException {
        ShapesDataset shapes = ShapesDataset.standard();
        Path file = Path.of(args[1]);
        if (args[0].equals("export")) {
            byte[] out = new byte[shapes.size() * VALUES];
            float[] one = new float[VALUES];
            for (int i = 0; i < shapes.size(); i++) {
                shapes.fill(new int[]{i}, one);
                for (int j = 0; j < VALUES; j++) {
                    out[i * VALUES + j] = (byte) Math.round((one[j] + 1) * 127.5f);
                }
            }
            Files.write(file, out);
            System.err.println("wrote " + shapes.size() + " shapes to " + file);
        } else if (args[0].equals("folder")) {
            // one class alone: does a GAN draw crisp squares when it has no discrete factor to learn?
            ShapeClass only = ShapeClass.valueOf(args[2].toUpperCase(java.util.Locale.ROOT));
            Files.createDirectories(file);
            int written = 0;
            for (int i = 0; i < shapes.size(); i++) {
                if (shapes.label(i) == only.ordinal()) {
                    ImageIO.write(shapes.image(i), "png", file.resolve(String.format("%05d.png", i)).toFile());
                    written++;
                }
            }
            System.err.println("wrote " + written + " " + only + " images to " + file);
        } else if (args[0].equals("labels")) {
            byte[] out = new byte[shapes.size()];
            for (int i = 0; i < shapes.size(); i++) {
                out[i] = (byte) shapes.label(i);
            }
            Files.write(file, out);
            System.err.println("wrote the classes of " + shapes.size() + " shapes to " + file);
        } else {
            byte[] in = Files.readAllBytes(file);
            int n = in.length / VALUES;
            float[] values = new float[n * VALUES];
            for (int j = 0; j < values.length; j++) {
                values[j] = (in[j] & 0xff) / 127.5f - 1;
            }
            INDArray images = Nd4j.create(values, new long[]{n, 3, 64, 64}).castTo(DataType.FLOAT);
            Evaluation result = Evaluator.forDataset(shapes, Math.min(n, 1000)).withoutMemorisation().evaluate(images);
            System.out.println(result.table().printAll());
        }
    }
}
