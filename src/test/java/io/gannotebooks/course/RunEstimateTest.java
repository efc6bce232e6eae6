package io.gannotebooks.course;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RunEstimateTest {
    @Test
    void quickProfileIsTheMeasured13Minutes() {
        assertEquals("GAN_PROFILE=quick: 1200 training iterations at batch 16, about 13 min of training on a 2-core"
                + " Zen 3 VM (0.65 s/iteration there), plus the other notebooks' work", RunEstimate.line(Profile.quick()));
    }

    @Test
    void otherProfilesScaleWithIterationsAndBatch() {
        // 24 x 8 images at 0.645/16 s each; 5000 x 64
        assertEquals(true, RunEstimate.line(Profile.smoke()).contains("24 training iterations at batch 8, about 8 s"));
        assertEquals(true, RunEstimate.line(Profile.full()).contains("5000 training iterations at batch 64, about 3.6 h"));
    }
}
