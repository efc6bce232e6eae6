package io.gannotebooks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannotebooks.testing.TinyGan;
import io.gannotebooks.train.GanTrainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class ProgressLineTest {
    private static String train(boolean live) {
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new GanTrainer(TinyGan.config(3, 4, 4, DataType.FLOAT), TinyGan.bars(32, 1))
                .addListener(new ProgressLine(out, live)).train();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainModePrintsTheFirstAndLastIterationsAsWholeLines() {
        List<String> lines = train(false).lines().toList();
        // a line every 10 s besides: these 4 tiny iterations take far less
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("iter 1/4  25%  \\d+\\.\\d\\d s/it \\(\\d+\\.\\d img/s\\)  ETA \\d+s  loss_d .*"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("iter 4/4 100%  ") && lines.get(1).contains("ETA 0s  loss_d "), lines.get(1));
    }

    @Test
    void liveModeRewritesOneLineInPlaceAndEndsIt() {
        String text = train(true);
        assertEquals(4, text.split("\r", -1).length - 1, "one rewrite per iteration: " + text);
        assertTrue(text.contains("\riter 2/4  50%  "), text);
        assertTrue(text.endsWith("\u001b[K\n"), "the line is cleared to its end, then ended: " + text);
        assertEquals(1, text.chars().filter(c -> c == '\n').count(), "one newline, at the end");
    }
}
