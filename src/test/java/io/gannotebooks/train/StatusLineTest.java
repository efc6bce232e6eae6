package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gannotebooks.testing.TinyGan;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class StatusLineTest {
    private static final StepResult ROW = new StepResult(1, 0, 1.2346, 0.9, 0.56, 0.41, 0.40, 3.0);

    @Test
    void theLineCarriesProgressPaceEtaAndTheFourNumbers() {
        assertEquals("iter 120/400  30%  0.52 s/it (61.5 img/s)  ETA 2m26s  loss_d 1.235  loss_g 0.900  D(x) 0.560"
                + "  D(G(z)) 0.410", StatusLine.format(120, 400, 32, 0.52, ROW));
        assertEquals("iter 0/400   0%", StatusLine.format(0, 400, 32, Double.NaN, null), "no pace yet, no step yet");
        assertEquals("iter 400/400 100%  0.50 s/it (64.0 img/s)  ETA 0s", StatusLine.format(400, 400, 32, 0.5, null));
    }

    @Test
    void durationsReadAsSecondsMinutesOrHours() {
        assertEquals("0s", StatusLine.duration(0.4));
        assertEquals("59s", StatusLine.duration(59.4));
        assertEquals("1m00s", StatusLine.duration(59.6));
        assertEquals("3m05s", StatusLine.duration(185));
        assertEquals("2h07m", StatusLine.duration(2 * 3600 + 7 * 60 + 30));
    }

    @Test
    void thePaceIsWallClockTimeOverTheIterationsOfThisSession() {
        GanTrainer trainer = new GanTrainer(TinyGan.config(3, 5, 4, DataType.FLOAT), TinyGan.bars(32, 1));
        trainer.iterate();
        // a session that starts at iteration 1 (as a resumed one would) at t = 10 s
        StatusLine status = new StatusLine(trainer.iteration(), 10_000_000_000L);
        assertEquals("iter 1/5  20%  " + trainer.history().row(0).summary(), status.at(trainer, 11_000_000_000L),
                "nothing timed yet: no pace");
        trainer.iterate();
        trainer.iterate();
        StepResult last = trainer.history().row(2);
        // 2 iterations in 3 s: 1.5 s each, 4 images each, 2 left
        assertEquals("iter 3/5  60%  1.50 s/it (2.7 img/s)  ETA 3s  " + last.summary(),
                status.at(trainer, 13_000_000_000L));
        assertEquals("iter 3/5  60%  " + last.summary(), StatusLine.untimed(trainer));
    }
}
