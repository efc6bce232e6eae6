package io.gannotebooks.model;

import java.util.List;

/**
 * The generator's shape. {@link #designNote()} is the seed design exactly:
 * z (100) -> Dense 8192 + ReLU -> 8x8x128 -> 16x16x256 -> 32x32x128 -> 64x64x64 -> Conv2D -> 64x64x3.
 *
 * @param latentSize   length of the noise vector z
 * @param baseSize     side of the first feature map after the dense layer
 * @param baseChannels channels of the first feature map (dense output = baseSize² · baseChannels)
 * @param upChannels   output channels of each transposed convolution; each one doubles the side
 * @param imageChannels channels of the final image (3 for RGB)
 */
public record GeneratorSpec(int latentSize, int baseSize, int baseChannels, List<Integer> upChannels,
                            int imageChannels) {

    public GeneratorSpec {
        if (latentSize < 1 || baseSize < 1 || baseChannels < 1 || imageChannels < 1 || upChannels.isEmpty()) {
            throw new IllegalArgumentException("generator sizes must be positive: " + upChannels);
        }
        upChannels = List.copyOf(upChannels);
    }

    public static GeneratorSpec designNote() {
        return new GeneratorSpec(100, 8, 128, List.of(256, 128, 64), 3);
    }

    public int imageSize() {
        return baseSize << upChannels.size();
    }

    public int denseSize() {
        return baseSize * baseSize * baseChannels;
    }
}
