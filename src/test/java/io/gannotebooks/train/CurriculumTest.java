package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CurriculumTest {
    private final Curriculum twoStages = Curriculum.parse("shapes:upright,square@6000; shapes:upright@9000", "shapes");

    @Test
    void eachIterationTrainsOnItsStagesData() {
        assertEquals("shapes:square,upright", twoStages.datasetAt(0, "x"), "the spec in its canonical form");
        assertEquals("shapes:square,upright", twoStages.datasetAt(5999, "x"));
        assertEquals("shapes:upright", twoStages.datasetAt(6000, "x"));
        assertEquals("shapes", twoStages.datasetAt(9000, "x"));
        assertEquals("x", Curriculum.NONE.datasetAt(10, "x"), "without stages, the run's own data");
        assertEquals(6000, twoStages.nextChange(0));
        assertEquals(9000, twoStages.nextChange(6000));
        assertEquals(Long.MAX_VALUE, twoStages.nextChange(9000));
        assertEquals(List.of("shapes:upright", "shapes"), twoStages.datasetsFrom(6500));
    }

    @Test
    void aRunSavedAtAStagesEndGoesOnWithTheNextStageOnly() {
        assertTrue(twoStages.continues(6000, "shapes:square,upright", "shapes:upright"));
        assertFalse(twoStages.continues(5999, "shapes:square,upright", "shapes:upright"), "mid-stage");
        assertFalse(twoStages.continues(6000, "shapes:square,upright", "shapes"), "a stage skipped");
        assertFalse(twoStages.continues(6000, "shapes", "shapes:upright"), "saved on other data");
        assertFalse(Curriculum.NONE.continues(6000, "shapes:square", "shapes"));
    }

    @Test
    void theCheckpointsFormReadsBack() {
        assertEquals("shapes:square,upright@6000;shapes:upright@9000;shapes", twoStages.toString());
        assertEquals(twoStages, Curriculum.fromString(twoStages.toString()));
        assertEquals(Curriculum.NONE, Curriculum.fromString(null));
        var schedule = Schedule.of(12000).withCurriculum(twoStages);
        assertEquals(schedule, Schedule.fromProperties(schedule.toProperties()));
        assertFalse(Schedule.of(10).toProperties().containsKey("curriculum"), "runs without one keep their keys");
    }

    @Test
    void badStagesAreOneLine() {
        assertEquals("each stage is DATA@ITERATION (e.g. shapes:square,upright@6000), got 'shapes:square'",
                assertThrows(IllegalArgumentException.class, () -> Curriculum.parse("shapes:square", "shapes")).getMessage());
        assertEquals("a stage ends at a whole iteration number, got 'ten' in 'shapes@ten'",
                assertThrows(IllegalArgumentException.class, () -> Curriculum.parse("shapes@ten", "shapes")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Curriculum.parse("shapes:square@400;shapes:disc@200", "shapes")).getMessage()
                .startsWith("each curriculum stage must end after the one before"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Curriculum.parse("shapes@0", "shapes"))
                .getMessage().startsWith("a curriculum stage ends at an iteration between 1 and"));
    }
}
