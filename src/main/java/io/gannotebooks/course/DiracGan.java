package io.gannotebooks.course;

/**
 * The Dirac-GAN of Mescheder, Geiger and Nowozin ("Which training methods for GANs do actually converge?",
 * ICML 2018): the smallest GAN whose training does not converge, and R1, the penalty that makes it converge.
 *
 * <p>The data is a point mass at 0. G has one parameter θ and draws the point θ whatever its noise; D has one
 * parameter ψ and the logit s(x) = ψ·x, so D(x) = σ(ψx). With f(t) = log σ(t) = −log(1 + e^{−t}) the design
 * note's objectives read
 * <pre>
 *   L_d(θ, ψ) = log D(0) + log(1 − D(θ)) = f(0) + f(−ψθ)         (D maximises)
 *   L_g(θ, ψ) = log D(θ) = f(ψθ)                                   (G maximises: the non-saturating loss)
 *   or G minimises L_d, the minimax loss of the original game
 * </pre>
 * R1 = (γ/2)·(∂s/∂x at the data)² = (γ/2)·ψ² is subtracted from D's objective. The only equilibrium is
 * (θ, ψ) = (0, 0): G on the data, D flat at ½. The field of update directions ({@link #velocity}) is
 * <pre>
 *   θ' = ψ·σ(ψθ) (minimax) or ψ·σ(−ψθ) (non-saturating),     ψ' = −θ·σ(ψθ) − γψ
 * </pre>
 * Its Jacobian at the equilibrium is [[0, ½], [−½, −γ]]: eigenvalues ±i/2 without R1, a pure rotation,
 * and with R1 eigenvalues of real part −γ/2 (for γ ≤ 1), a spiral into (0, 0). For the minimax loss
 * θθ' + ψψ' = 0 exactly: the flow circles at a constant distance. The non-saturating loss adds an inward
 * pull −ψθ·tanh(ψθ/2) to d(‖·‖²/2)/dt, fourth order in the distance: the circles shrink, ever more slowly.
 *
 * <p>Training takes plain gradient steps of size {@code rate} (no Adam): {@link Updates#ALTERNATING} as the
 * library's {@code GanTrainer} does (D's step first, then G's against the updated D), or
 * {@link Updates#SIMULTANEOUS} (both from the same point), which spirals outwards without R1.
 */
public final class DiracGan {
    /** What G maximises: the design note's L_g = log D(G(z)), or minus the minimax game's L_d. */
    public enum GeneratorLoss { NON_SATURATING, MINIMAX }

    /** The order of the two steps in one iteration. */
    public enum Updates { ALTERNATING, SIMULTANEOUS }

    /** Distance to the equilibrium, θ and ψ after each step (index 0: the start). */
    public record Trajectory(double[] theta, double[] psi) {
        public Trajectory {
            theta = theta.clone();
            psi = psi.clone();
        }

        @Override
        public double[] theta() {
            return theta.clone();
        }

        @Override
        public double[] psi() {
            return psi.clone();
        }

        /** Number of steps taken (one less than the points). */
        public int steps() {
            return theta.length - 1;
        }

        /** ‖(θ, ψ)‖ at every point: the distance to the equilibrium. */
        public double[] distance() {
            double[] out = new double[theta.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.hypot(theta[i], psi[i]);
            }
            return out;
        }

        /** The distance after the last step. */
        public double finalDistance() {
            return Math.hypot(theta[theta.length - 1], psi[psi.length - 1]);
        }

        /** The step indices 0, 1, …, steps, for plotting against. */
        public double[] stepIndices() {
            double[] out = new double[theta.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = i;
            }
            return out;
        }
    }

    private final GeneratorLoss loss;
    private final Updates updates;
    private final double rate;
    private final double gamma;

    private DiracGan(GeneratorLoss loss, Updates updates, double rate, double gamma) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("the step size must be positive, got " + rate);
        }
        if (!(gamma >= 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("R1's gamma must be 0 or more, got " + gamma);
        }
        this.loss = loss;
        this.updates = updates;
        this.rate = rate;
        this.gamma = gamma;
    }

    /** The design note's losses (non-saturating G), the library's alternating steps of size 0.1, no R1. */
    public static DiracGan designNote() {
        return new DiracGan(GeneratorLoss.NON_SATURATING, Updates.ALTERNATING, 0.1, 0);
    }

    public DiracGan withLoss(GeneratorLoss l) {
        return new DiracGan(l, updates, rate, gamma);
    }

    public DiracGan withUpdates(Updates u) {
        return new DiracGan(loss, u, rate, gamma);
    }

    public DiracGan withRate(double r) {
        return new DiracGan(loss, updates, r, gamma);
    }

    /** With R1 = (γ/2)·ψ² on D (γ = 0: none), as {@code --r1 GAMMA} on the real networks. */
    public DiracGan withR1(double g) {
        return new DiracGan(loss, updates, rate, g);
    }

    public GeneratorLoss loss() {
        return loss;
    }

    public Updates updates() {
        return updates;
    }

    public double rate() {
        return rate;
    }

    public double gamma() {
        return gamma;
    }

    /** G's update direction at (θ, ψ): the gradient of its objective with respect to θ. */
    public double generatorDirection(double theta, double psi) {
        double u = psi * theta;
        // d/dθ f(ψθ) = ψ·f'(ψθ) = ψ·σ(−ψθ); −d/dθ [f(0) + f(−ψθ)] = ψ·f'(−ψθ) = ψ·σ(ψθ)
        return loss == GeneratorLoss.NON_SATURATING ? psi * sigmoid(-u) : psi * sigmoid(u);
    }

    /** D's update direction at (θ, ψ): the gradient of L_d − R1 with respect to ψ. */
    public double discriminatorDirection(double theta, double psi) {
        // d/dψ f(−ψθ) = −θ·f'(−ψθ) = −θ·σ(ψθ); d/dψ (γ/2)ψ² = γψ
        return -theta * sigmoid(psi * theta) - gamma * psi;
    }

    /** The field of update directions (θ', ψ') at (θ, ψ): one simultaneous step moves by rate × this. */
    public double[] velocity(double theta, double psi) {
        return new double[]{generatorDirection(theta, psi), discriminatorDirection(theta, psi)};
    }

    /** {@code steps} training steps from (θ0, ψ0). */
    public Trajectory train(double theta0, double psi0, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be 0 or more, got " + steps);
        }
        double[] theta = new double[steps + 1];
        double[] psi = new double[steps + 1];
        theta[0] = theta0;
        psi[0] = psi0;
        for (int i = 1; i <= steps; i++) {
            double t = theta[i - 1];
            double p = psi[i - 1];
            if (updates == Updates.ALTERNATING) {
                p += rate * discriminatorDirection(t, p); // (1) D's step
                t += rate * generatorDirection(t, p);     // (2) G's step, against the updated D
            } else {
                double dt = generatorDirection(t, p);
                double dp = discriminatorDirection(t, p);
                t += rate * dt;
                p += rate * dp;
            }
            theta[i] = t;
            psi[i] = p;
        }
        return new Trajectory(theta, psi);
    }

    @Override
    public String toString() {
        return (loss == GeneratorLoss.NON_SATURATING ? "non-saturating G" : "minimax G") + ", "
                + (updates == Updates.ALTERNATING ? "alternating" : "simultaneous") + " steps of " + rate
                + (gamma > 0 ? ", R1 gamma " + gamma : ", no R1");
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
