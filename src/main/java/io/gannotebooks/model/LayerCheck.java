package io.gannotebooks.model;

import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Whether a network read from a file is the one a spec describes, layer by layer: kind, name and sizes.
 * DL4J restores any valid zip; a generator.zip that holds the discriminator, or a spec whose latent size
 * was edited, would otherwise fail only at the first forward pass, with "Got rank 2 array" or an
 * invalid-input error that names neither file.
 */
final class LayerCheck {
    private LayerCheck() {
    }

    /** @throws IllegalArgumentException naming the first layer that differs */
    static void requireSameLayers(MultiLayerConfiguration expected, MultiLayerNetwork actual, String what) {
        MultiLayerConfiguration found = actual.getLayerWiseConfigurations();
        int layers = expected.getConfs().size();
        if (found.getConfs().size() != layers) {
            throw new IllegalArgumentException("it holds a network of " + found.getConfs().size() + " layers ("
                    + describe(found.getConf(0).getLayer()) + " first), not the " + what + " of " + layers
                    + " layers (" + describe(expected.getConf(0).getLayer()) + " first)");
        }
        for (int i = 0; i < layers; i++) {
            Layer want = expected.getConf(i).getLayer();
            Layer have = found.getConf(i).getLayer();
            if (!describe(want).equals(describe(have))) {
                throw new IllegalArgumentException("its layer " + i + " is " + describe(have) + " where the " + what
                        + " has " + describe(want));
            }
        }
    }

    /** "DenseLayer 'dense' 100 -> 8192". */
    private static String describe(Layer layer) {
        String text = layer.getClass().getSimpleName() + " '" + layer.getLayerName() + "'";
        if (layer instanceof FeedForwardLayer sized) {
            text += String.format(Locale.ROOT, " %d -> %d", sized.getNIn(), sized.getNOut());
        }
        return text;
    }
}
