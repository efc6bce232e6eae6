package io.gannotebooks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.backend.Backend;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ./gan bench --spike} end to end, at batch 1 so that it takes seconds. */
class SpikeCommandTest {
    private static final Pattern ROW = Pattern.compile(
            "^  (DL4J layers|nd4j ops|nd4j ops, own BN bp|SameDiff)\\s+([0-9.]+) .* ([0-9.]+e[-+][0-9]+)$");

    @BeforeAll
    static void setUp() {
        Backend.configure();
    }

    @Test
    void spikeTimesEveryImplementationOnBothBlocksAndTheyAgree() {
        var o = CommandLineTest.gan("bench", "--spike", "--batch", 1, "--rounds", 1, "--iterations", 1, "--warmup", 0);
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("block 128 x 8x8 -> 256 x 16x16, batch 1"), o.out());
        assertTrue(o.out().contains("block 256 x 16x16 -> 128 x 32x32, batch 1"), o.out());
        List<String> rows = o.out().lines().filter(l -> ROW.matcher(l).matches()).toList();
        assertEquals(8, rows.size(), o.out()); // 4 implementations x 2 blocks
        for (String row : rows) {
            var m = ROW.matcher(row);
            assertTrue(m.matches());
            assertTrue(Double.parseDouble(m.group(2)) > 0, row);
            // float results against DL4J's: the same maths up to rounding
            assertTrue(Double.parseDouble(m.group(3)) < 1e-3, row);
        }
        assertTrue(o.out().contains("nd4j ops, per part (median ms): deconv2d"), o.out());
    }

    @Test
    void spikeOptionsAreChecked() {
        var o = CommandLineTest.gan("bench", "--spike", "--d-batches", "mixed");
        assertEquals(2, o.status());
        assertTrue(o.err().startsWith("gan: unknown option '--d-batches'"), o.err());
        o = CommandLineTest.gan("bench", "--spike", "--rounds", 0);
        assertEquals(2, o.status());
        assertTrue(o.err().startsWith("gan: --rounds must be between 1 and 1000"), o.err());
    }
}
