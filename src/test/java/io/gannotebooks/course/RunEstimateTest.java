package io.gannotebooks.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.course.RunEstimate.Reference;
import org.junit.jupiter.api.Test;

class RunEstimateTest {
    @Test
    void quickProfileIsTheMeasured13MinutesOnZen3() {
        assertEquals("GAN_PROFILE=quick: 1200 training iterations at batch 16, about 13 min of training on a 2-core"
                        + " Zen 3 VM (0.65 s/iteration there), plus the other notebooks' work",
                RunEstimate.line(Profile.quick(), Reference.ZEN3_FP32));
    }

    @Test
    void quickProfileIsTheMeasured6MinutesOnZen4InMixedPrecision() {
        assertEquals("GAN_PROFILE=quick: 1200 training iterations at batch 16, about 6 min of training on a 2-core"
                        + " Zen 4 VM in mixed precision (0.28 s/iteration there), plus the other notebooks' work",
                RunEstimate.line(Profile.quick(), Reference.ZEN4_MIXED));
    }

    @Test
    void otherProfilesScaleWithIterationsAndBatch() {
        // 24 x 8 images at 0.645/16 s each; 5000 x 64
        assertTrue(RunEstimate.line(Profile.smoke(), Reference.ZEN3_FP32).contains("24 training iterations at batch 8, about 8 s"));
        assertTrue(RunEstimate.line(Profile.full(), Reference.ZEN3_FP32).contains("5000 training iterations at batch 64, about 3.6 h"));
    }
}
