/**
 * The networks' layers written out: each one's forward and backward pass as the maths, over nd4j's native
 * operations (libnd4j's custom ops such as {@code conv2d}, {@code deconv2d} and their {@code _bp} ops,
 * oneDNN underneath in single precision).
 *
 * <p>Why not DL4J's layer API: it allocates every activation and every gradient anew in each pass, and
 * wraps the convolutions in element-wise loops and copies; the layers here allocate their buffers once per
 * batch size and pass them to the ops as outputs (issue 13's spike measured 1.45–1.9× on one generator
 * block). The parameters stay where DL4J keeps them: every {@link io.gannotebooks.layers.Parameter} is a
 * view into a network's flat parameter vector and flat gradient vector, so checkpoints and the Adam update
 * are DL4J's own.
 *
 * <p>These layers train only: batch normalisation uses the batch's statistics. Inference (sample grids,
 * evaluation) runs through DL4J on the same parameters.
 */
package io.gannotebooks.layers;
