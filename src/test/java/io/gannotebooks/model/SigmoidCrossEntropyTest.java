package io.gannotebooks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

class SigmoidCrossEntropyTest {
    static final double[] LOGITS = {-40, -20, -15, -12, -3, -0.5, 0, 0.5, 3, 12, 15, 20, 40};

    /** The gradient a one-unit sigmoid output layer sends back to its input x, with the logit z = x. */
    private static double[] inputGradient(ILossFunction loss, double label) {
        var conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list()
                .layer(new OutputLayer.Builder(loss).nIn(1).nOut(1).activation(Activation.SIGMOID).build()).build();
        var net = new MultiLayerNetwork(conf);
        net.init();
        net.params().assign(Nd4j.create(new float[]{1f, 0f})); // weight 1, bias 0
        INDArray x = Nd4j.create(LOGITS, new long[]{LOGITS.length, 1}, DataType.FLOAT);
        INDArray y = Nd4j.valueArrayOf(new long[]{LOGITS.length, 1}, label, DataType.FLOAT);
        return net.calculateGradients(x, y, null, null).getSecond().toDoubleVector();
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void gradientIsSigmoidMinusLabelForEveryLogit() {
        for (double label : new double[]{0, 1}) {
            double[] g = inputGradient(new SigmoidCrossEntropy(), label);
            for (int i = 0; i < LOGITS.length; i++) {
                assertEquals(sigmoid(LOGITS[i]) - label, g[i], 1e-6, "logit " + LOGITS[i] + ", label " + label);
            }
        }
    }

    @Test
    void dl4jsClippedCrossEntropyStarvesTheGeneratorWhereThisOneDoesNot() {
        // G's step: label "real" on an image D is sure is fake (logit -20, D(G(z)) = 2e-9)
        int at = 1;
        assertEquals(-20, LOGITS[at]);
        assertTrue(Math.abs(inputGradient(new LossBinaryXENT(), 1)[at]) < 1e-3, "DL4J's XENT no longer clips?");
        assertEquals(-1.0, inputGradient(new SigmoidCrossEntropy(), 1)[at], 1e-6);
    }

    @Test
    void scoreIsTheCrossEntropyAndStaysFiniteForLargeLogits() {
        var loss = new SigmoidCrossEntropy();
        INDArray z = Nd4j.create(LOGITS, new long[]{LOGITS.length, 1}, DataType.DOUBLE);
        for (double label : new double[]{0, 1}) {
            INDArray y = Nd4j.valueArrayOf(new long[]{LOGITS.length, 1}, label, DataType.DOUBLE);
            double[] perExample = loss.computeScoreArray(y, z, new ActivationSigmoid(), null).toDoubleVector();
            double expectedSum = 0;
            for (int i = 0; i < LOGITS.length; i++) {
                // -log σ(z) = log(1 + e^-z), -log(1 - σ(z)) = log(1 + e^z), written out independently
                double expected = label == 1 ? Math.log1p(Math.exp(-LOGITS[i])) : Math.log1p(Math.exp(LOGITS[i]));
                assertEquals(expected, perExample[i], 1e-9 * Math.max(1, expected), "logit " + LOGITS[i]);
                expectedSum += expected;
            }
            assertEquals(expectedSum / LOGITS.length, loss.computeScore(y, z, new ActivationSigmoid(), null, true), 1e-9);
        }
    }

    @Test
    void maskedExamplesGiveNoLossAndNoGradient() {
        var loss = new SigmoidCrossEntropy();
        INDArray z = Nd4j.create(new double[][]{{2}, {-3}, {0.5}});
        INDArray y = Nd4j.create(new double[][]{{1}, {1}, {0}});
        INDArray mask = Nd4j.create(new double[][]{{1}, {0}, {1}});
        double[] g = loss.computeGradient(y, z, new ActivationSigmoid(), mask).toDoubleVector();
        double[] s = loss.computeScoreArray(y, z, new ActivationSigmoid(), mask).toDoubleVector();
        assertEquals(0, g[1], 0.0);
        assertEquals(0, s[1], 0.0);
        assertEquals(sigmoid(0.5), g[2], 1e-12);
    }

    @Test
    void refusesAnOutputThatIsNotASigmoid() {
        var loss = new SigmoidCrossEntropy();
        INDArray z = Nd4j.create(new double[][]{{1}});
        assertThrows(IllegalStateException.class, () -> loss.computeGradient(z, z, new ActivationIdentity(), null));
    }
}
