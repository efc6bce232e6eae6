package io.gannotebooks.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where a training step's time goes, layer by layer: wall time of each layer's forward and backward pass,
 * and of any other named piece of work ({@link #time}), for {@code ./gan bench --layer-times}. Off unless
 * {@link #start}ed; then the stacks report to it. libnd4j's ops run synchronously on the calling thread
 * (with their own worker threads inside), so a layer's wall time is its ops' time.
 */
public final class LayerClock {
    private static volatile LayerClock active;

    /** One row: forward and backward nanoseconds, and what the layer outputs (to tell G's bn1 from D's). */
    private static final class Row {
        final String name;
        String shape = "";
        long forward;
        long backward;

        Row(String name) {
            this.name = name;
        }
    }

    private final Map<Object, Row> rows = new HashMap<>(); // layers by identity, named work by name
    private final List<Row> order = new ArrayList<>();

    private LayerClock() {
    }

    /** Starts timing (forgetting earlier times) and returns the clock. */
    public static LayerClock start() {
        active = new LayerClock();
        return active;
    }

    public static void stop() {
        active = null;
    }

    /** The running clock, or null: callers skip their timing entirely when it is off. */
    static LayerClock active() {
        return active;
    }

    private Row row(Object key, String name) {
        return rows.computeIfAbsent(key, k -> {
            Row r = new Row(name);
            order.add(r);
            return r;
        });
    }

    void forward(Layer layer, long startNanos, INDArray output) {
        Row r = row(layer, layer.name());
        r.forward += System.nanoTime() - startNanos;
        r.shape = Arrays.toString(output.shape());
    }

    void backward(Layer layer, long startNanos) {
        row(layer, layer.name()).backward += System.nanoTime() - startNanos;
    }

    /** Runs {@code work}, adding its wall time to the row {@code name} (e.g. "Adam (G)") when a clock runs. */
    public static <T> T time(String name, Supplier<T> work) {
        LayerClock clock = active;
        if (clock == null) {
            return work.get();
        }
        long start = System.nanoTime();
        T result = work.get();
        clock.row(name, name).forward += System.nanoTime() - start; // one training thread: no lock
        return result;
    }

    /** Milliseconds per iteration for each row, in the order first seen, and their sum against {@code wallSeconds}. */
    public String report(int iterations, double wallSeconds) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-28s %-20s %10s %10s %7s%n", "layer",
                "output", "fwd ms/it", "bwd ms/it", "share"));
        double wallMs = wallSeconds * 1e3 / iterations;
        double timedMs = 0;
        for (Row r : order) {
            double f = r.forward / 1e6 / iterations;
            double b = r.backward / 1e6 / iterations;
            timedMs += f + b;
            s.append(String.format(Locale.ROOT, "%-28s %-20s %10.1f %10s %6.1f%%%n", r.name, r.shape, f,
                    r.backward == 0 ? "" : String.format(Locale.ROOT, "%.1f", b), 100 * (f + b) / wallMs));
        }
        s.append(String.format(Locale.ROOT, "%-28s %-20s %10.1f %10s %6.1f%%%n", "the rest", "(noise, data, loss)",
                wallMs - timedMs, "", 100 * (wallMs - timedMs) / wallMs));
        s.append(String.format(Locale.ROOT, "%-28s %-20s %10.1f%n", "iteration", "", wallMs));
        return s.toString();
    }
}
