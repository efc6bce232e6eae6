package io.gannotebooks.data;

/**
 * Resizes square multi-channel planes with a separable filter: area averaging when shrinking (each output
 * pixel is the mean of the input area it covers, so no detail aliases into moiré), bilinear interpolation
 * when enlarging (area averaging would turn a small image into visible blocks).
 */
final class Resampler {
    private Resampler() {
    }

    /**
     * @param planes   {@code channels} planes of from x from values, one after another
     * @return {@code channels} planes of to x to values
     */
    static float[] resize(float[] planes, int channels, int from, int to) {
        Taps taps = from > to ? Taps.area(from, to) : Taps.bilinear(from, to);
        // horizontal pass: channels x from rows x to columns
        float[] rows = new float[channels * from * to];
        for (int row = 0; row < channels * from; row++) {
            int in = row * from;
            for (int x = 0; x < to; x++) {
                float sum = 0;
                float[] weights = taps.weights[x];
                int start = in + taps.start[x];
                for (int k = 0; k < weights.length; k++) {
                    sum += weights[k] * planes[start + k];
                }
                rows[row * to + x] = sum;
            }
        }
        // vertical pass, accumulating whole rows so that memory is read in order
        float[] out = new float[channels * to * to];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < to; y++) {
                int target = (c * to + y) * to;
                float[] weights = taps.weights[y];
                for (int k = 0; k < weights.length; k++) {
                    int source = (c * from + taps.start[y] + k) * to;
                    float weight = weights[k];
                    for (int x = 0; x < to; x++) {
                        out[target + x] += weight * rows[source + x];
                    }
                }
            }
        }
        return out;
    }

    /** For each output pixel along one axis: the first input pixel it reads and the weights from there. */
    private record Taps(int[] start, float[][] weights) {

        static Taps area(int from, int to) {
            double scale = (double) from / to;
            int[] start = new int[to];
            float[][] weights = new float[to][];
            for (int o = 0; o < to; o++) {
                // output pixel o covers input [o·scale, (o+1)·scale); weight = overlap with pixel i
                double left = o * scale;
                double right = Math.min(from, (o + 1) * scale);
                int first = (int) Math.floor(left);
                int last = Math.min(from, (int) Math.ceil(right));
                start[o] = first;
                weights[o] = new float[last - first];
                for (int i = first; i < last; i++) {
                    double overlap = Math.min(i + 1, right) - Math.max(i, left);
                    weights[o][i - first] = (float) (overlap / (right - left));
                }
            }
            return new Taps(start, weights);
        }

        static Taps bilinear(int from, int to) {
            double scale = (double) from / to;
            int[] start = new int[to];
            float[][] weights = new float[to][];
            for (int o = 0; o < to; o++) {
                // position of the output pixel's centre in input pixel-centre coordinates, kept inside
                double centre = Math.max(0, Math.min(from - 1, (o + 0.5) * scale - 0.5));
                int left = Math.min((int) Math.floor(centre), Math.max(0, from - 2));
                start[o] = left;
                if (from == 1) {
                    weights[o] = new float[]{1f};
                } else {
                    float right = (float) (centre - left);
                    weights[o] = new float[]{1 - right, right};
                }
            }
            return new Taps(start, weights);
        }
    }
}
