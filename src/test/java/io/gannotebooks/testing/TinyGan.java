package io.gannotebooks.testing;

import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.model.DiscriminatorSpec;
import io.gannotebooks.model.GeneratorSpec;
import io.gannotebooks.model.AdamSettings;
import io.gannotebooks.train.RunDefinition;
import io.gannotebooks.train.Schedule;
import io.gannotebooks.train.TrainingConfig;
import io.gannotebooks.util.Streams;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/** Small networks and a toy dataset, so training-loop tests take seconds. */
public final class TinyGan {
    /** A rate ten times DCGAN's: tiny networks learn the toy images in a few hundred steps. */
    public static final AdamSettings ADAM = new AdamSettings(2e-3, 0.5, 0.999);

    private TinyGan() {
    }

    /** z (4) -> 2x2x3 -> 4x4x4 -> 8x8x3 -> 8x8x3 images. */
    public static GeneratorSpec generator() {
        return new GeneratorSpec(4, 2, 3, List.of(4, 3), 3);
    }

    public static DiscriminatorSpec discriminator() {
        return new DiscriminatorSpec(8, 3, List.of(3, 4));
    }

    /** These networks in the library's recipe with {@link #ADAM} for both, and a 16-image sample grid. */
    private static RunDefinition tiny(GeneratorSpec g, DiscriminatorSpec d, int batch, long seed, DataType type) {
        return RunDefinition.recipe().generator(g).discriminator(d).optimisers(ADAM, ADAM).batchSize(batch).seed(seed)
                .dataType(type).fixedNoiseCount(16).build();
    }

    public static TrainingConfig config(long seed, long iterations, int batch, DataType type) {
        return new TrainingConfig(tiny(generator(), discriminator(), batch, seed, type),
                new Schedule(iterations, 0, 0));
    }

    /** Still small, but with enough channels to learn {@link #bars}: z (8) -> 2x2x16 -> 4x4x16 -> 8x8x8 -> 8x8x3. */
    public static TrainingConfig learnerConfig(long seed, long iterations, int batch) {
        var g = new GeneratorSpec(8, 2, 16, List.of(16, 8), 3);
        var d = new DiscriminatorSpec(8, 3, List.of(8, 16));
        return new TrainingConfig(tiny(g, d, batch, seed, DataType.FLOAT),
                new Schedule(iterations, 0, 0));
    }

    /**
     * A toy distribution of 8x8 RGB images: red is a bright horizontal bar on one of the 8 rows, green a
     * bright vertical bar on one of the 8 columns, blue both; background −0.9, mild noise.
     */
    public static ImageDataset bars(int size, long seed) {
        return new ImageDataset() {
            public String name() {
                return "bars";
            }

            public String spec() {
                return "bars";
            }

            public int size() {
                return size;
            }

            public int imageSize() {
                return 8;
            }


            public void fill(int[] indices, float[] dest) {
                for (int k = 0; k < indices.length; k++) {
                    var r = Streams.of(seed, 99, indices[k]);
                    int row = r.nextInt(8);
                    int col = r.nextInt(8);
                    int base = k * 192;
                    for (int y = 0; y < 8; y++) {
                        for (int x = 0; x < 8; x++) {
                            float noise = (float) (0.05 * r.nextGaussian());
                            dest[base + y * 8 + x] = clamp((y == row ? 0.9f : -0.9f) + noise);
                            dest[base + 64 + y * 8 + x] = clamp((x == col ? 0.9f : -0.9f) + noise);
                            dest[base + 128 + y * 8 + x] = clamp((x == col || y == row ? 0.9f : -0.9f) + noise);
                        }
                    }
                }
            }
        };
    }

    /** A dataset under another spec, e.g. one a test checkpoint recorded. */
    public record Respec(ImageDataset images, String spec) implements ImageDataset {
        public String name() {
            return images.name();
        }

        public int size() {
            return images.size();
        }

        public int imageSize() {
            return images.imageSize();
        }

        public void fill(int[] indices, float[] dest) {
            images.fill(indices, dest);
        }
    }

    private static float clamp(float v) {
        return Math.max(-1f, Math.min(1f, v));
    }
}
