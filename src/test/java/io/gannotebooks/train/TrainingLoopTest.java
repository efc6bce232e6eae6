package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.testing.TinyGan;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainingLoopTest {

    @BeforeAll
    static void setUp() {
        Backend.configure();
    }

    /**
     * Learning, measured: the toy images put a bright bar on one row (channel 0) and one column (channel 1).
     * The measure is the mean absolute difference between the per-pixel mean and standard deviation of
     * 256 generated images and of 256 real ones (moment distance). An untrained G draws near-zero pixels,
     * far from the data's −0.9/+0.9 pattern; after 400 iterations the distance must have at least halved
     * (GAN training wanders, so the margin is generous; a G that does not learn stays near its start).
     */
    /** About 400 s on 2 cores: tagged slow, run with {@code ./gan test -Dgan.slowTests=none}. */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    void theGanLearnsAToyDistribution() {
        ImageDataset bars = TinyGan.bars(4096, 7);
        GanTrainer trainer = new GanTrainer(TinyGan.learnerConfig(21, 400, 32), bars);
        INDArray real = bars.batch(IntStream.range(0, 256).toArray());
        double before = momentDistance(real, generated(trainer, 256));
        trainer.train();
        double after = momentDistance(real, generated(trainer, 256));
        assertTrue(after < before / 2,
                "moment distance before " + before + ", after " + after);
    }

    @Test
    void discriminatorLossFallsWhenOnlyTheDiscriminatorIsStrong() {
        // sanity of the losses' direction: early on D(x) rises above D(G(z))
        GanTrainer trainer = new GanTrainer(TinyGan.config(5, 30, 32, DataType.FLOAT), TinyGan.bars(1024, 3));
        trainer.train();
        var h = trainer.history();
        double early = h.row(0).lossD();
        double later = IntStream.range(20, 30).mapToDouble(i -> h.row(i).lossD()).average().orElseThrow();
        assertTrue(later < early, "loss_d " + early + " -> " + later);
        double gap = IntStream.range(20, 30).mapToDouble(i -> h.row(i).dReal() - h.row(i).dFake()).average()
                .orElseThrow();
        assertTrue(gap > 0, "D(x) - D(G(z)) = " + gap);
    }

    @Test
    void theSameSeedGivesTheSameHistoryAndADifferentSeedDoesNot() {
        var a = run(TinyGan.config(9, 6, 16, DataType.FLOAT));
        var b = run(TinyGan.config(9, 6, 16, DataType.FLOAT));
        var c = run(TinyGan.config(10, 6, 16, DataType.FLOAT));
        for (int i = 0; i < 6; i++) {
            assertEquals(withoutTime(a.row(i)), withoutTime(b.row(i)), "row " + i);
        }
        assertNotEquals(withoutTime(a.row(5)), withoutTime(c.row(5)));
    }

    /**
     * Adam's moment estimates must live from one step to the next. They did not when the loop released
     * each batch with {@code MultiLayerNetwork.clear()}, which also drops the updater: every step then
     * started Adam afresh, and D's outputs swung between 0 and 1 every other iteration.
     */
    @Test
    void anInterruptStopsAfterTheIterationUnderWayAndTheNextCallContinues() {
        // a notebook's stop button interrupts the cell's thread: here it is interrupted before train()
        GanTrainer trainer = new GanTrainer(TinyGan.config(3, 6, 16, DataType.FLOAT), TinyGan.bars(256, 2));
        Thread.currentThread().interrupt();
        try {
            trainer.train();
            assertEquals(1, trainer.iteration(), "stopped after the iteration under way");
            assertTrue(trainer.stoppedEarly());
            assertTrue(Thread.currentThread().isInterrupted(), "the caller still sees the interrupt");
        } finally {
            Thread.interrupted();
        }
        trainer.train();
        assertEquals(6, trainer.iteration(), "the next call continues to the end");
        assertTrue(trainer.finished() && !trainer.stoppedEarly());
    }

    @Test
    void bothOptimisersKeepTheirStateFromStepToStep() {
        GanTrainer trainer = new GanTrainer(TinyGan.config(3, 4, 16, DataType.FLOAT), TinyGan.bars(256, 2));
        for (var net : List.of(trainer.generator().network(), trainer.discriminator().network())) {
            trainer.iterate();
            var updater = net.getUpdater(false);
            assertNotNull(updater, "an updater after a step");
            INDArray state = updater.getStateViewArray().dup();
            assertTrue(state.amaxNumber().doubleValue() > 0, "Adam's moments after a step");
            trainer.iterate();
            assertTrue(updater == net.getUpdater(false), "the same updater after the next step");
            assertNotEquals(state, updater.getStateViewArray(), "moments updated by the next step");
        }
    }

    @Test
    void dataOrderVisitsEveryImageOncePerEpoch() {
        DataOrder order = new DataOrder(3, 10, 4);
        int[] seen = new int[10];
        for (int it = 0; it < 5; it++) { // 20 images = exactly 2 epochs
            for (int i : order.batch(it)) {
                seen[i]++;
            }
        }
        for (int s : seen) {
            assertEquals(2, s);
        }
        assertEquals(1, order.epoch(3));
    }

    private static TrainingHistory run(TrainingConfig config) {
        return new GanTrainer(config, TinyGan.bars(512, 1)).train();
    }

    private static StepResult withoutTime(StepResult r) {
        return new StepResult(r.iteration(), r.epoch(), r.lossD(), r.lossG(), r.dReal(), r.dFake(), r.dFakeAfter(), 0);
    }

    private static INDArray generated(GanTrainer trainer, int n) {
        return trainer.generator().generate(trainer.noise(77, 0, n)).castTo(DataType.FLOAT);
    }

    private static double momentDistance(INDArray a, INDArray b) {
        double mean = a.mean(0).sub(b.mean(0)).amean().getDouble(0) ;
        double std = a.std(0).sub(b.std(0)).amean().getDouble(0);
        return mean + std;
    }
}
