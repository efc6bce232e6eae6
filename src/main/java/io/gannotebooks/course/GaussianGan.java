package io.gannotebooks.course;

import io.gannotebooks.util.Streams;

/**
 * The smallest GAN that shows the theory exactly: one-dimensional data x ~ N(m, s²), a generator
 * G(z) = μ + σ·z, and a discriminator D(x) = sigmoid(a·x² + b·x + c).
 *
 * <p>For two Gaussians the optimal discriminator p_data / (p_data + p_g) is exactly a sigmoid of a
 * quadratic, so this D can reach D*, and the equilibrium p_g = p_data (μ = m, σ = s, D ≡ 1/2, value
 * −log 4) is reachable too. Gradients are the design note's minibatch means, derived by hand below;
 * both players use Adam, G with a four times smaller step (2e-2 and 5e-3 by default): with equal steps
 * the pair circles around the equilibrium instead of settling on it.
 */
public final class GaussianGan {
    private final double dataMean;
    private final double dataStd;
    private final long seed;
    private final int batch;
    // generator (μ, σ) and discriminator (a, b, c)
    private final double[] g = {-1.0, 0.4};
    private final double[] d = {0.0, 0.0, 0.0};
    private final double rateD;
    private final double rateG;
    private final Adam gAdam;
    private final Adam dAdam;
    private long iteration;

    /** One iteration's numbers: the minibatch estimates of the design note's L_d and L_g, and G's parameters. */
    public record Step(long iteration, double objectiveD, double objectiveG, double dReal, double dFake, double mu,
                       double sigma) {
    }

    public GaussianGan(double dataMean, double dataStd, int batch, long seed) {
        this(dataMean, dataStd, batch, seed, 0.02, 0.005);
    }

    public GaussianGan(double dataMean, double dataStd, int batch, long seed, double rateD, double rateG) {
        if (!(dataStd > 0) || batch < 1) {
            throw new IllegalArgumentException("need a positive data spread and batch size");
        }
        this.dataMean = dataMean;
        this.dataStd = dataStd;
        this.batch = batch;
        this.seed = seed;
        this.rateD = rateD;
        this.rateG = rateG;
        this.dAdam = new Adam(3, rateD);
        this.gAdam = new Adam(2, rateG);
    }

    public double mu() {
        return g[0];
    }

    public double sigma() {
        return Math.abs(g[1]);
    }

    /** The current discriminator's probability that x is real. */
    public double discriminator(double x) {
        return sigmoid(d[0] * x * x + d[1] * x + d[2]);
    }

    /** D*(x) = p_data(x) / (p_data(x) + p_g(x)): the best discriminator against the current generator. */
    public double optimalDiscriminator(double x) {
        double pData = normalDensity(x, dataMean, dataStd);
        double pG = normalDensity(x, mu(), sigma());
        return pData / (pData + pG);
    }

    public double dataDensity(double x) {
        return normalDensity(x, dataMean, dataStd);
    }

    public double generatorDensity(double x) {
        return normalDensity(x, mu(), sigma());
    }

    /**
     * V(D, G) = E_data[log D(x)] + E_z[log(1 − D(G(z)))], integrated numerically (not sampled), for the
     * current D ({@code optimal = false}) or for D* ({@code optimal = true}). For D*, V = −log 4 + 2·JSD.
     */
    public double value(boolean optimal) {
        double lo = Math.min(dataMean - 8 * dataStd, mu() - 8 * sigma());
        double hi = Math.max(dataMean + 8 * dataStd, mu() + 8 * sigma());
        int n = 20_000;
        double h = (hi - lo) / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double x = lo + i * h;
            double dx = optimal ? optimalDiscriminator(x) : discriminator(x);
            double w = (i == 0 || i == n) ? 0.5 : 1.0; // trapezoid rule
            sum += w * h * (dataDensity(x) * safeLog(dx) + generatorDensity(x) * safeLog(1 - dx));
        }
        return sum;
    }

    /**
     * A toy with the same data, batch, seed and rates, its G set to (μ, σ) and its D untrained (a = b = c = 0,
     * the constant ½): for training a fresh D against a frozen G ({@link #trainDiscriminator}). This toy is
     * left as it is.
     */
    public GaussianGan withGenerator(double mu, double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("need a positive generator spread, got " + sigma);
        }
        var copy = new GaussianGan(dataMean, dataStd, batch, seed, rateD, rateG);
        copy.g[0] = mu;
        copy.g[1] = sigma;
        return copy;
    }

    /**
     * {@code steps} steps of D alone, G frozen: D climbs towards the best answer to this G, and
     * {@link #value(boolean) value(false)} towards V(D*, G) = −log 4 + 2·JSD. Returns this toy.
     */
    public GaussianGan trainDiscriminator(int steps) {
        for (int k = 0; k < steps; k++) {
            double[][] batches = discriminatorBatches(k);
            double[] real = batches[0];
            double[] fake = batches[1];
            dAdam.ascend(d, discriminatorGradient(real, fake));
        }
        iteration++;
        return this;
    }

    /** The real and generated batches of this iteration's D step {@code k}: a pure function of seed, iteration, k. */
    private double[][] discriminatorBatches(int k) {
        var random = Streams.of(seed, Streams.TOY_DISCRIMINATOR, iteration, k);
        double[] real = new double[batch];
        double[] fake = new double[batch];
        for (int i = 0; i < batch; i++) {
            real[i] = dataMean + dataStd * random.nextGaussian();
            fake[i] = g[0] + g[1] * random.nextGaussian();
        }
        return new double[][]{real, fake};
    }

    /** {@code iterations} iterations of {@link #step step(discriminatorSteps)}, their numbers in order. */
    public java.util.List<Step> train(int iterations, int discriminatorSteps) {
        var steps = new java.util.ArrayList<Step>(iterations);
        for (int i = 0; i < iterations; i++) {
            steps.add(step(discriminatorSteps));
        }
        return steps;
    }

    /** k discriminator steps, then one generator step (non-saturating: maximise mean log D(G(z))). */
    public Step step(int discriminatorSteps) {
        double objectiveD = 0;
        double dReal = 0;
        double dFake = 0;
        for (int k = 0; k < discriminatorSteps; k++) {
            double[][] batches = discriminatorBatches(k);
            double[] real = batches[0];
            double[] fake = batches[1];
            dAdam.ascend(d, discriminatorGradient(real, fake));
            objectiveD = objectiveD(real, fake);
            dReal = meanOf(real, this::discriminator);
            dFake = meanOf(fake, this::discriminator);
        }
        var random = Streams.of(seed, Streams.TOY_GENERATOR, iteration);
        double[] z = new double[batch];
        for (int i = 0; i < batch; i++) {
            z[i] = random.nextGaussian();
        }
        double objectiveG = objectiveG(z);
        gAdam.ascend(g, generatorGradient(z));
        iteration++;
        return new Step(iteration, objectiveD, objectiveG, dReal, dFake, mu(), sigma());
    }

    /** The minibatch estimate of L_d: 1/B Σ log D(x_i) + 1/B Σ log(1 − D(G(z_i))). */
    double objectiveD(double[] real, double[] fake) {
        return meanOf(real, x -> safeLog(discriminator(x))) + meanOf(fake, x -> safeLog(1 - discriminator(x)));
    }

    /** The minibatch estimate of the non-saturating L_g: 1/B Σ log D(μ + σ z_i). */
    double objectiveG(double[] z) {
        return meanOf(z, v -> safeLog(discriminator(g[0] + g[1] * v)));
    }

    /** ∂ objectiveD / ∂(a, b, c), derived by hand. */
    double[] discriminatorGradient(double[] real, double[] fake) {
        double[] grad = new double[3];
        for (int i = 0; i < real.length; i++) {
            double x = real[i];
            double f = fake[i];
            double pr = discriminator(x);
            double pf = discriminator(f);
            // ∂/∂logit log D = 1 − D (real); ∂/∂logit log(1 − D) = −D (fake); ∂logit/∂(a,b,c) = (x², x, 1)
            grad[0] += (1 - pr) * x * x - pf * f * f;
            grad[1] += (1 - pr) * x - pf * f;
            grad[2] += (1 - pr) - pf;
        }
        for (int j = 0; j < 3; j++) {
            grad[j] /= real.length;
        }
        return grad;
    }

    /** ∂ objectiveG / ∂(μ, σ), derived by hand. */
    double[] generatorGradient(double[] z) {
        double[] grad = new double[2];
        for (double v : z) {
            double x = g[0] + g[1] * v;
            double p = discriminator(x);
            // ∂/∂x log D(x) = (1 − D(x))·(2a·x + b); ∂x/∂μ = 1, ∂x/∂σ = z
            double dx = (1 - p) * (2 * d[0] * x + d[1]);
            grad[0] += dx;
            grad[1] += dx * v;
        }
        grad[0] /= z.length;
        grad[1] /= z.length;
        return grad;
    }

    /** The parameters the gradients are taken with respect to, live (writing them changes the model): G's (μ, σ). */
    double[] generatorParameters() {
        return g;
    }

    /** D's (a, b, c), live. */
    double[] discriminatorParameters() {
        return d;
    }

    private static double meanOf(double[] values, java.util.function.DoubleUnaryOperator f) {
        double sum = 0;
        for (double v : values) {
            sum += f.applyAsDouble(v);
        }
        return sum / values.length;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static double safeLog(double v) {
        return Math.log(Math.max(v, 1e-300));
    }

    static double normalDensity(double x, double mean, double std) {
        double u = (x - mean) / std;
        return Math.exp(-0.5 * u * u) / (std * Math.sqrt(2 * Math.PI));
    }

    /** Adam for gradient ascent on a handful of parameters. */
    private static final class Adam {
        private final double[] m;
        private final double[] v;
        private final double rate;
        private int t;

        Adam(int n, double rate) {
            this.m = new double[n];
            this.v = new double[n];
            this.rate = rate;
        }

        void ascend(double[] params, double[] grad) {
            t++;
            for (int i = 0; i < params.length; i++) {
                m[i] = 0.5 * m[i] + 0.5 * grad[i];
                v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i];
                double mHat = m[i] / (1 - Math.pow(0.5, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                params[i] += rate * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
    }
}
