package io.gannotebooks.train;

import java.util.Locale;

/**
 * R1, the zero-centred gradient penalty on real images (Mescheder, Geiger and Nowozin, ICML 2018):
 * D's loss gains R1 = (γ/2) · (1/N) Σᵢ ‖∇ₓ ℓ(xᵢ)‖², ℓ = D's logit, on the real batch. It pulls D's surface
 * flat on the data, where the unregularised game circles its equilibrium instead of reaching it.
 *
 * <p>Lazy regularisation (StyleGAN2): the penalty is computed on every {@code every}-th D step only, with its
 * weight multiplied by {@code every}, so that on average D feels the same penalty for a fraction of its cost.
 *
 * @param gamma γ ≥ 0; 0 is no penalty, today's step bit for bit
 * @param every K ≥ 1: the penalty's D steps are those whose iteration is a multiple of K
 */
public record R1Penalty(double gamma, int every) {
    /** No penalty: DCGAN's D step. */
    public static final R1Penalty NONE = new R1Penalty(0, 1);
    /** The largest γ accepted: Mescheder's experiments go to 10, beyond 1 000 D is flat and learns nothing. */
    public static final double MAX_GAMMA = 1000;
    /** The longest lazy interval accepted (StyleGAN2 uses 16). */
    public static final int MAX_EVERY = 1000;

    public R1Penalty {
        if (!(gamma >= 0 && gamma <= MAX_GAMMA)) {
            throw new IllegalArgumentException("R1's gamma must be between 0 and " + (int) MAX_GAMMA + ", got " + gamma);
        }
        if (every < 1 || every > MAX_EVERY) {
            throw new IllegalArgumentException("R1's interval must be between 1 and " + MAX_EVERY
                    + " D steps, got " + every);
        }
    }

    public boolean active() {
        return gamma > 0;
    }

    /** γ · K on the D steps that compute the penalty, 0 on the others (and always 0 without a penalty). */
    public double weightAt(long iteration) {
        return active() && iteration % every == 0 ? gamma * every : 0;
    }

    @Override
    public String toString() {
        return active() ? String.format(Locale.ROOT, "R1 gamma %s every %d", gamma, every) : "no R1";
    }
}
