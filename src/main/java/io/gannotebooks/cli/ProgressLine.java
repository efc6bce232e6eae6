package io.gannotebooks.cli;

import io.gannotebooks.train.GanTrainer;
import io.gannotebooks.train.StatusLine;
import io.gannotebooks.train.StepResult;
import io.gannotebooks.train.TrainingListener;
import java.io.PrintStream;

/**
 * Training progress on the terminal: a live line rewritten in place when stderr is a terminal, plain
 * periodic lines otherwise (CI logs, pipes), so logs stay readable.
 */
final class ProgressLine implements TrainingListener {
    /** Plain mode: a line every 10 s (and the first and last iterations). */
    private static final long PLAIN_INTERVAL_NANOS = 10_000_000_000L;
    private final PrintStream out;
    private final boolean live;
    private StatusLine status;
    private long lastPrintNanos;
    private boolean first;
    private boolean dirty;

    ProgressLine(PrintStream out, boolean live) {
        this.out = out;
        this.live = live;
    }

    @Override
    public void onStart(GanTrainer trainer) {
        status = StatusLine.startingNow(trainer);
        lastPrintNanos = System.nanoTime();
        first = true;
    }

    @Override
    public void onStep(GanTrainer trainer, StepResult r) {
        long now = System.nanoTime();
        if (!live && !first && !trainer.finished() && now - lastPrintNanos < PLAIN_INTERVAL_NANOS) {
            return;
        }
        first = false;
        lastPrintNanos = now;
        String line = status.of(trainer);
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
}
