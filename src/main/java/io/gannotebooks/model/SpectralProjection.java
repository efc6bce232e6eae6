package io.gannotebooks.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Spectral normalisation of D (Miyato, Kataoka, Koyama and Yoshida, ICLR 2018), kept as a projection: after
 * every optimiser step each weight W of D that {@link SpectralNorm} covers is divided by its largest singular
 * value σ(W), so that every such layer is 1-Lipschitz; with all of them, so is D's logit as a function of the
 * image (LeakyReLU's slopes are ≤ 1).
 *
 * <pre>
 *   W as a matrix M: a convolution's [Cout, Cin·kH·kW], the dense layer's [nIn, nOut]
 *   power iteration, warm-started from the previous step's u:
 *     v = Mᵀu / ‖Mᵀu‖,   u = M v / ‖M v‖,   σ = ‖M v‖ = uᵀ M v
 *   projection:  W ← W / σ
 * </pre>
 *
 * Why this matters for the course's GAN: R1 flattens D around each real image (γ = 10's D is blind to
 * outlines, docs/convergence.md), while an unconstrained D's image gradient grows spikes and texture. A
 * Lipschitz bound limits how steep D can be everywhere without asking it to be flat anywhere.
 *
 * <p>Miyato et al. reparametrise (D computes with W/σ(W), the optimiser moves W); dividing the weights
 * themselves after the step gives D the same function class and keeps the weights D computes with in its
 * parameters, so DL4J's inference, the checkpoint and every pass read them unchanged. The difference: the
 * reparametrised gradient also loses its component along u vᵀ and is divided by σ; here Adam's step is
 * taken at σ = 1 and its part that raises σ is undone by the division.
 *
 * <p>One power-iteration step per update suffices because the weights move little between steps (the
 * paper's choice); the vectors u are part of the training state, saved with a checkpoint so that a resumed
 * run projects exactly as the uninterrupted one.
 */
public final class SpectralProjection {
    /** Power-iteration steps for a fresh u: the first projection must already be close to σ = 1. */
    static final int START_ITERATIONS = 30;

    private final List<INDArray> weights = new ArrayList<>(); // D's weight arrays, views into its parameters
    private final INDArray[] u;                                // left singular vector estimates, one per weight

    private SpectralProjection(MultiLayerNetwork network, SpectralNorm which) {
        int last = network.getnLayers() - 1;
        for (int i = 0; i <= last; i++) {
            INDArray w = network.getLayer(i).getParam("W");
            if (w != null && which.covers(i == last)) {
                weights.add(w);
            }
        }
        u = new INDArray[weights.size()];
    }

    /**
     * A projection with fresh vectors u: N(0, 1) draws of a fixed seed (any start not orthogonal to the top
     * singular vector converges to it), then {@value #START_ITERATIONS} power-iteration steps.
     */
    public static SpectralProjection fresh(MultiLayerNetwork network, SpectralNorm which) {
        SpectralProjection p = new SpectralProjection(network, which);
        var random = new java.util.Random(1);
        for (int k = 0; k < p.u.length; k++) {
            INDArray m = p.matrix(k);
            double[] start = new double[(int) m.rows()];
            for (int i = 0; i < start.length; i++) {
                start[i] = random.nextGaussian();
            }
            p.u[k] = Nd4j.createFromArray(start).castTo(m.dataType()).reshape(m.rows(), 1);
            p.u[k].divi(p.u[k].norm2Number());
            for (int step = 1; step < START_ITERATIONS; step++) {
                p.powerStep(k);
            }
        }
        return p;
    }

    /** The projection whose vectors u {@link #write} saved, for the same network layout and weights covered. */
    public static SpectralProjection read(MultiLayerNetwork network, SpectralNorm which, DataInputStream in)
            throws IOException {
        SpectralProjection p = new SpectralProjection(network, which);
        int count = in.readInt();
        if (count != p.u.length) {
            throw new IOException("spectral normalisation state holds " + count + " vectors, D has " + p.u.length
                    + " weight matrices");
        }
        for (int k = 0; k < count; k++) {
            INDArray m = p.matrix(k);
            int n = in.readInt();
            if (n != m.rows()) {
                throw new IOException("spectral normalisation vector " + k + " has " + n + " values, its matrix "
                        + m.rows() + " rows");
            }
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = in.readFloat();
            }
            p.u[k] = Nd4j.createFromArray(values).castTo(m.dataType()).reshape(n, 1);
        }
        return p;
    }

    /** Saves the vectors u (as floats: the state of a FLOAT network, whose u are floats). */
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(u.length);
        for (INDArray vector : u) {
            float[] values = vector.toFloatVector();
            out.writeInt(values.length);
            for (float value : values) {
                out.writeFloat(value);
            }
        }
    }

    /** One power-iteration step per weight, then W ← W / σ(W); returns the σ found, one per weight. */
    public double[] project() {
        double[] sigmas = new double[u.length];
        for (int k = 0; k < u.length; k++) {
            sigmas[k] = powerStep(k);
            weights.get(k).divi(sigmas[k]);
        }
        return sigmas;
    }

    /** v = Mᵀu/‖Mᵀu‖, u = Mv/‖Mv‖; returns ‖Mv‖, the estimate of σ(M). */
    private double powerStep(int k) {
        INDArray m = matrix(k);
        INDArray v = m.transpose().mmul(u[k]);
        v.divi(v.norm2Number());
        INDArray mv = m.mmul(v);
        double sigma = mv.norm2Number().doubleValue();
        u[k] = mv.divi(sigma);
        return sigma;
    }

    /** Weight k as the matrix whose singular values are the layer's: rows are its first dimension. */
    private INDArray matrix(int k) {
        INDArray w = weights.get(k);
        return w.reshape('c', w.size(0), w.length() / w.size(0));
    }
}
