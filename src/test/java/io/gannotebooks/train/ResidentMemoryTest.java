package io.gannotebooks.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When the loop collects: growth past the allowance since the last low, measured again after collecting. */
class ResidentMemoryTest {
    static final long MB = 1L << 20;

    @Test
    void collectsOnlyWhenResidentMemoryGrewByTheAllowanceSinceItsLow() {
        // readings per afterIteration(); a collection reads once more
        var readings = new ArrayDeque<>(List.of(500 * MB, 480 * MB, 540 * MB, 545 * MB, 490 * MB, 553 * MB,
                555 * MB, 500 * MB));
        var collections = new AtomicInteger();
        var memory = new ResidentMemory(readings::removeFirst, collections::incrementAndGet);
        memory.afterIteration(); // 500: the first low
        memory.afterIteration(); // 480: a lower low
        memory.afterIteration(); // 540: 60 MB above it, under the 64 MB allowance
        assertEquals(0, collections.get());
        memory.afterIteration(); // 545: 65 MB above the low, collect; then 490 is the new low
        assertEquals(1, collections.get());
        memory.afterIteration(); // 553: 63 MB above 490
        assertEquals(1, collections.get());
        memory.afterIteration(); // 555: 65 MB above, collect again
        assertEquals(2, collections.get());
    }
}
