package io.gannotebooks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.testing.TinyGan;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * D's parameter gradients are copies that no later pass overwrites until D's update, and the update's copies
 * are reused by the next step's passes instead of being allocated again (what kept a batch-16 step collecting
 * garbage every third iteration).
 */
class GradientCopiesTest {
    @BeforeAll
    static void setUp() {
        Backend.configure();
    }

    @Test
    void aCopyKeepsItsValuesAndIsReusedOnlyAfterRecycling() {
        GradientCopies copies = new GradientCopies();
        INDArray gradient = Nd4j.linspace(DataType.FLOAT, 1, 10, 1);
        INDArray first = copies.copyOf(gradient);
        gradient.muli(-1);
        INDArray second = copies.copyOf(gradient);
        assertNotSame(gradient, first);
        assertNotSame(first, second);
        assertEquals(10, first.getFloat(9), 0);       // the source changed after the copy, the copy did not
        assertEquals(-10, second.getFloat(9), 0);
        copies.recycle();
        INDArray third = copies.copyOf(gradient.mul(2));
        assertTrue(third == first || third == second, "a recycled copy is reused");
        assertEquals(-20, third.getFloat(9), 0);
    }

    @Test
    void passesWithoutAnUpdateAreBoundedAndNeverOverwriteWhatTheyHandedOut() {
        GradientCopies copies = new GradientCopies();
        INDArray gradient = Nd4j.ones(DataType.FLOAT, 4);
        INDArray[] out = new INDArray[10];
        for (int i = 0; i < out.length; i++) {
            out[i] = copies.copyOf(gradient.mul(i));
        }
        copies.recycle();
        Map<INDArray, Boolean> reused = new IdentityHashMap<>();
        for (int i = 0; i < 6; i++) {
            INDArray again = copies.copyOf(gradient.mul(100));
            for (INDArray old : out) {
                if (again == old) {
                    reused.put(old, true);
                }
            }
        }
        assertEquals(4, reused.size(), "only the last four are kept for reuse; older ones were left to the GC");
        for (int i = 0; i < 6; i++) {
            assertEquals(i, out[i].getFloat(0), 0, "copy " + i + " was dropped, not overwritten");
        }
    }

    @Test
    void theStepsGradientsSurviveTheStepsPassesAndTheNextStepReusesThem() {
        Discriminator d = new Discriminator(TinyGan.discriminator().withBatchNorm(false),
                new NetworkSettings(5, AdamSettings.NO_MOMENTUM, DataType.FLOAT));
        INDArray real = R1GradientTest.images(1, 4, 3, 8, DataType.FLOAT);
        INDArray fake = R1GradientTest.images(2, 4, 3, 8, DataType.FLOAT);
        Map<INDArray, Boolean> handedOut = new IdentityHashMap<>();
        for (int step = 0; step < 3; step++) {
            INDArray onReal = d.backward(real, Discriminator.REAL, Discriminator.Wanted.PARAMETERS).parameterGradient();
            INDArray realValues = onReal.dup();
            INDArray onFake = d.backward(fake, Discriminator.FAKE, Discriminator.Wanted.PARAMETERS).parameterGradient();
            INDArray fakeValues = onFake.dup();
            INDArray penalty = d.gradientPenalty(real, 1, 1).parameterGradient();
            assertEquals(realValues, onReal, "the fake pass and R1 left the real pass's gradient alone");
            assertEquals(fakeValues, onFake, "R1 left the fake pass's gradient alone");
            if (step > 0) {
                assertTrue(handedOut.containsKey(onReal) && handedOut.containsKey(onFake) && handedOut.containsKey(penalty),
                        "step " + step + " allocated a gradient instead of reusing one");
            }
            handedOut.put(onReal, true);
            handedOut.put(onFake, true);
            handedOut.put(penalty, true);
            d.update(onReal.addi(onFake).addi(penalty), 4, step, 0);
        }
        assertEquals(3, handedOut.size());
    }
}
