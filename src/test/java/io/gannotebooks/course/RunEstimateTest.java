package io.gannotebooks.course;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RunEstimateTest {
    @Test
    void quickProfileIsTheMeasured33Minutes() {
        assertEquals("GAN_PROFILE=quick: 1200 training iterations at batch 16, about 33 min of training on a 2-core"
                + " Zen 3 VM (1.65 s/iteration there), plus the other notebooks' work", RunEstimate.line(Profile.quick()));
    }

    @Test
    void otherProfilesScaleWithIterationsAndBatch() {
        // 24 x 8 images at 1.65/16 s each; 5000 x 64
        assertEquals(true, RunEstimate.line(Profile.smoke()).contains("24 training iterations at batch 8, about 20 s"));
        assertEquals(true, RunEstimate.line(Profile.full()).contains("5000 training iterations at batch 64, about 9.2 h"));
    }
}
