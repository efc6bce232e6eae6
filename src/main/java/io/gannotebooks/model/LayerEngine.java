package io.gannotebooks.model;

import java.util.Locale;

/**
 * What runs a network's training passes. Both compute the same maths on the same parameters (a DL4J
 * {@code MultiLayerNetwork} holds them either way, with its Adam state and checkpoint format):
 * <ul>
 *   <li>{@link #DL4J}: DL4J's layer API ({@code feedForward}, {@code backpropGradient});</li>
 *   <li>{@link #NATIVE}: the library's own layers ({@link io.gannotebooks.layers}) over nd4j's native ops,
 *       with buffers allocated once per batch size.</li>
 * </ul>
 * Inference (sample grids, evaluation) runs on DL4J's layers in both cases.
 */
public enum LayerEngine {
    DL4J, NATIVE;

    /** The system property that chooses the engine for networks built without naming one: dl4j or native. */
    public static final String PROPERTY = "gan.layers";

    /**
     * The engine named by {@link #PROPERTY}, else {@link #NATIVE}: measured 1.5–1.6 times as fast on the
     * whole training step at batch 16 and 64, in 0.6 times the memory (docs/speed.md, "The library's own layers").
     */
    public static LayerEngine configured() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? NATIVE : parse(value);
    }

    /** "dl4j" or "native", in any case. */
    public static LayerEngine parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "dl4j" -> DL4J;
            case "native" -> NATIVE;
            default -> throw new IllegalArgumentException("layers must be dl4j or native, got '" + name + "'");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
