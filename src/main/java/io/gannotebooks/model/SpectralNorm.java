package io.gannotebooks.model;

/**
 * Which of D's weights {@link SpectralProjection} keeps at spectral norm 1.
 *
 * <p>{@link #ALL} is Miyato et al.'s D: every layer 1-Lipschitz, and so D's logit. {@link #CONVOLUTIONS}
 * leaves the last (dense) layer free: D's features stay 1-Lipschitz, and the norm of the dense weights acts as
 * a learnt gain on the logit, which {@link #ALL} does not have (its verdicts measured stuck near ½,
 * docs/convergence.md).
 */
public enum SpectralNorm {
    OFF("off"), ALL("all"), CONVOLUTIONS("convolutions");

    private final String key;

    SpectralNorm(String key) {
        this.key = key;
    }

    /** How a run definition stores it. */
    public String key() {
        return key;
    }

    /** The value {@link #key()} names. */
    public static SpectralNorm ofKey(String key) {
        for (SpectralNorm s : values()) {
            if (s.key.equals(key.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("discriminator.spectral_norm must be off, all or convolutions, not '"
                + key + "'");
    }

    /** Whether the projection applies to a layer: {@code last} is D's dense output layer. */
    boolean covers(boolean last) {
        return this == ALL || (this == CONVOLUTIONS && !last);
    }
}
