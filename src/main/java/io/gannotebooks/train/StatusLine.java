package io.gannotebooks.train;

import java.util.Locale;

/**
 * The status line of a training run, the one the terminal ({@code ./gan train}) and the notebook's
 * dashboard both show:
 * {@code iter 120/400  30%  0.52 s/it (61.5 img/s)  ETA 2m26s  loss_d 1.213  loss_g 0.902  D(x) 0.561  D(G(z)) 0.412}.
 *
 * <p>The pace is wall-clock time since this training session started (a resumed run starts timing again)
 * over the iterations done since, listeners' work (sample grids, checkpoints, metrics) included: the ETA is
 * the time a user will wait, assuming the iterations left go at that pace.
 */
public final class StatusLine {
    private final long startIteration;
    private final long startNanos;

    StatusLine(long startIteration, long startNanos) {
        this.startIteration = startIteration;
        this.startNanos = startNanos;
    }

    /** Starts timing at {@code trainer}'s iteration, now: call it from {@link TrainingListener#onStart}. */
    public static StatusLine startingNow(GanTrainer trainer) {
        return new StatusLine(trainer.iteration(), System.nanoTime());
    }

    /** The line of {@code trainer} as it stands now, with the pace once an iteration has been timed. */
    public String of(GanTrainer trainer) {
        return at(trainer, System.nanoTime());
    }

    String at(GanTrainer trainer, long nowNanos) {
        long done = trainer.iteration();
        double secondsPerIteration = done > startIteration
                ? (nowNanos - startNanos) / 1e9 / (done - startIteration) : Double.NaN;
        return format(done, trainer.config().iterations(), trainer.config().batchSize(), secondsPerIteration, last(trainer));
    }

    /** The line without a pace, before anything has been timed: the iteration and the last step's numbers. */
    public static String untimed(GanTrainer trainer) {
        return format(trainer.iteration(), trainer.config().iterations(), trainer.config().batchSize(), Double.NaN,
                last(trainer));
    }

    private static StepResult last(GanTrainer trainer) {
        TrainingHistory history = trainer.history();
        return history.size() == 0 ? null : history.row(history.size() - 1);
    }

    /**
     * The line for {@code done} of {@code total} iterations of batch {@code batch} at {@code secondsPerIteration}
     * (NaN: not known yet, no rate and no ETA), ending in {@code last}'s numbers (null: no step yet).
     */
    static String format(long done, long total, int batch, double secondsPerIteration, StepResult last) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "iter %d/%d %3d%%", done, total,
                (int) (100 * done / total)));
        if (Double.isFinite(secondsPerIteration) && secondsPerIteration > 0) {
            line.append(String.format(Locale.ROOT, "  %.2f s/it (%.1f img/s)  ETA %s", secondsPerIteration,
                    batch / secondsPerIteration, duration(secondsPerIteration * (total - done))));
        }
        if (last != null) {
            line.append("  ").append(last.summary());
        }
        return line.toString();
    }

    /** {@code seconds} rounded, as "45s", "3m05s" or "2h07m". */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
