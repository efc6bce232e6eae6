package io.gannotebooks.train;

/**
 * The four numbers a GAN practitioner watches, for one iteration.
 *
 * @param lossD     −[mean log D(x) + mean log(1 − D(G(z)))]: the negative of the design note's L_d estimate
 * @param lossG     −mean log D(G(z)) in G's step (after D's update): the negative of L_g's estimate
 * @param dReal     mean D(x) on the real batch, in D's step
 * @param dFake     mean D(G(z)) in D's step (before D's update)
 * @param dFakeAfter mean D(G(z)) in G's step (after D's update)
 * @param r1        the R1 penalty (γ/2)·mean ‖∇ₓ logit(x)‖² on the real batch where it was last computed; 0 without R1
 * @param seconds   wall-clock seconds since training started (cumulative across resumes)
 */
public record StepResult(long iteration, long epoch, double lossD, double lossG, double dReal, double dFake,
                         double dFakeAfter, double r1, double seconds) {

    /** A step without R1. */
    public StepResult(long iteration, long epoch, double lossD, double lossG, double dReal, double dFake,
                      double dFakeAfter, double seconds) {
        this(iteration, epoch, lossD, lossG, dReal, dFake, dFakeAfter, 0, seconds);
    }

    /** The four numbers in one line, as the command line's progress line and the notebook's dashboard show them. */
    public String summary() {
        String line = String.format(java.util.Locale.ROOT, "loss_d %.3f  loss_g %.3f  D(x) %.3f  D(G(z)) %.3f",
                lossD, lossG, dReal, dFake);
        return r1 != 0 ? line + String.format(java.util.Locale.ROOT, "  R1 %.3g", r1) : line;
    }

    public boolean finite() {
        return Double.isFinite(lossD) && Double.isFinite(lossG) && Double.isFinite(dReal)
                && Double.isFinite(dFake) && Double.isFinite(dFakeAfter) && Double.isFinite(r1);
    }
}
