package io.gannotebooks.cli;

import io.gannotebooks.train.GanTrainer;
import io.gannotebooks.train.StepResult;
import io.gannotebooks.train.TrainingListener;
import java.io.PrintStream;

/**
 * Training progress on the terminal: a live line rewritten in place when stderr is a terminal, plain
 * periodic lines otherwise (CI logs, pipes), so logs stay readable.
 */
final class ProgressLine implements TrainingListener {
    private final PrintStream out;
    private final boolean live;
    private long startIteration;
    private long startNanos;
    private long lastPrintNanos;
    private boolean dirty;

    ProgressLine(PrintStream out, boolean live) {
        this.out = out;
        this.live = live;
    }

    @Override
    public void onStart(GanTrainer trainer) {
        startIteration = trainer.iteration();
        startNanos = System.nanoTime();
        lastPrintNanos = 0;
    }

    @Override
    public void onStep(GanTrainer trainer, StepResult r) {
        long now = System.nanoTime();
        long done = trainer.iteration();
        long total = trainer.config().iterations();
        boolean last = done == total;
        if (!live && !last && now - lastPrintNanos < 10_000_000_000L && done - startIteration != 1) {
            return; // plain mode: the first iteration, then every 10 s, then the last
        }
        lastPrintNanos = now;
        double elapsed = (now - startNanos) / 1e9;
        double perIteration = elapsed / (done - startIteration);
        String line = String.format("iter %d/%d %3d%%  %s  ETA %s  %s",
                done, total, (int) (100 * done / total), rate(perIteration, trainer.config().batchSize()),
                duration(perIteration * (total - done)), r.summary());
        if (live) {
            out.print("\r" + line + "\u001b[K");
            dirty = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void onEnd(GanTrainer trainer) {
        if (dirty) {
            out.println();
            dirty = false;
        }
    }

    private static String rate(double secondsPerIteration, int batch) {
        return String.format("%.2f s/it (%.1f img/s)", secondsPerIteration, batch / secondsPerIteration);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
