package io.gannotebooks.plot;

import io.gannotebooks.train.GanTrainer;
import io.gannotebooks.train.StatusLine;
import io.gannotebooks.train.StepResult;
import io.gannotebooks.train.TrainingListener;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One picture of a training run for a notebook: the status line the terminal shows too ({@link StatusLine}:
 * iteration, pace, ETA, the four numbers), the latest fixed-noise grid, and the loss and D-output charts. A
 * notebook shows it with {@code display(...)} and refreshes it in place with {@code updateDisplay(id, ...)}
 * through {@link #every}.
 */
public final class Dashboard {
    private static final int CHART_WIDTH = 560;
    private static final int CHART_HEIGHT = 260;
    private static final int HEADER = 34;

    private Dashboard() {
    }

    /**
     * A listener that draws the dashboard every {@code k} iterations (and at the end) and hands it to {@code show},
     * for one training session: the cell that adds it. A session that continues a run prints where it continues
     * from; one stopped early (the notebook's stop button) is drawn once more, its status line saying where it
     * stopped and how to continue, and prints the same line into the cell (rapaio, with the project's kernel
     * fixes, keeps the cell open until it returns; a kernel that ends the cell at once logs it instead). Run again, the cell adds a new listener and this one stays silent.
     */
    public static TrainingListener every(int k, Consumer<BufferedImage> show) {
        if (k < 1) {
            throw new IllegalArgumentException("refresh interval must be at least 1, got " + k);
        }
        return new TrainingListener() {
            private StatusLine status;
            private BufferedImage grid;
            private boolean ended;

            @Override
            public void onStart(GanTrainer trainer) {
                if (ended) {
                    return;
                }
                status = StatusLine.startingNow(trainer);
                grid = ImageGrid.of(trainer.samples());
                if (trainer.iteration() > 0 && !trainer.finished()) {
                    System.out.println(String.format(Locale.ROOT, "continuing from iteration %d of %d",
                            trainer.iteration(), trainer.config().iterations()));
                }
            }

            @Override
            public void onStep(GanTrainer trainer, StepResult result) {
                if (ended) {
                    return;
                }
                if (trainer.iteration() % k == 0 || trainer.finished()) {
                    grid = ImageGrid.of(trainer.samples());
                    show.accept(render(trainer, grid, status.of(trainer)));
                }
            }

            @Override
            public void onEnd(GanTrainer trainer) {
                if (ended || status == null) {
                    return;
                }
                ended = true;
                if (trainer.stoppedEarly()) {
                    String stopped = stoppedLine(trainer);
                    System.out.println(stopped);
                    show.accept(render(trainer, ImageGrid.of(trainer.samples()), stopped));
                }
            }
        };
    }

    /** What a session stopped early says: where, and how to go on. */
    public static String stoppedLine(GanTrainer trainer) {
        return String.format(Locale.ROOT, "stopped at iteration %d of %d: run this cell again to continue from there",
                trainer.iteration(), trainer.config().iterations());
    }

    /** The dashboard of {@code trainer} as it stands (no pace yet: the status line without rate and ETA). */
    public static BufferedImage of(GanTrainer trainer) {
        return render(trainer, ImageGrid.of(trainer.samples()), StatusLine.untimed(trainer));
    }

    static BufferedImage render(GanTrainer trainer, BufferedImage grid, String status) {
        var history = trainer.history();
        BufferedImage losses = TrainingCharts.losses(history, CHART_WIDTH, CHART_HEIGHT);
        BufferedImage probabilities = TrainingCharts.probabilities(history, CHART_WIDTH, CHART_HEIGHT);
        int gridSide = 2 * CHART_HEIGHT;
        BufferedImage out = new BufferedImage(gridSide + CHART_WIDTH + 10, HEADER + gridSide, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        g.drawString(status, 8, 22);
        g.drawImage(grid, 0, HEADER, gridSide, gridSide, null);
        g.drawImage(losses, gridSide + 10, HEADER, null);
        g.drawImage(probabilities, gridSide + 10, HEADER + CHART_HEIGHT, null);
        g.dispose();
        return out;
    }
}
