package io.gannotebooks.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Decoding progress: rewritten in place on a terminal, a plain line every tenth of the way in a log. */
class ConsoleProgressTest {
    private static String progress(boolean terminal) {
        var bytes = new ByteArrayOutputStream();
        var listener = new Datasets.ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal);
        for (int done = 1; done <= 300; done++) {
            listener.decoded(done, 300);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLogGetsATenthOfTheWayPerLineAndNoCarriageReturns() {
        String log = progress(false);
        assertFalse(log.contains("\r"), log);
        assertEquals(11, log.lines().count(), log); // 0 %, 10 %, ... 100 %: not one line per image
        assertTrue(log.endsWith("decoding images: 300/300 (100%)\n"), log);
    }

    @Test
    void aTerminalGetsTheLineRewrittenInPlace() {
        String terminal = progress(true);
        assertTrue(terminal.chars().filter(c -> c == '\r').count() > 50, terminal);
        assertTrue(terminal.endsWith("300/300 (100%)\n"), terminal);
    }
}
