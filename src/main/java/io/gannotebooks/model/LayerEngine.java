package io.gannotebooks.model;

import java.util.Locale;

/**
 * What runs a network's training passes. The library trains on {@link #NATIVE}, its own layers
 * ({@link io.gannotebooks.layers}) over nd4j's native ops with buffers allocated once per batch size (1.5–1.6
 * times as fast as DL4J's layer API on the whole step, in 0.6 times the memory: docs/speed.md). A DL4J
 * {@code MultiLayerNetwork} holds the parameters either way, with its Adam state and checkpoint format, and
 * inference (sample grids, evaluation) runs on DL4J's layers. {@link #DL4J} is what a network reports when
 * the own layers do not support it (half precision, say), what networks built for drawing only use, and
 * what the tests that compare the two paths build (through package-private constructors).
 */
public enum LayerEngine {
    DL4J, NATIVE;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
