package io.gannotebooks.backend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the memory refusal names: the launcher's figures, else the JVM's view told apart by MemTotal. */
class MemoryLimitTest {
    @TempDir
    Path dir;

    @Test
    void theLaunchersFiguresAreTakenAsTheyCome() {
        assertEquals(Optional.of(new MemoryLimit(2_000_000_000L, true)), MemoryLimit.fromProperties("2000000000", "container"));
        assertEquals("this container allows 2.0 GB", MemoryLimit.fromProperties("2000000000", "container").orElseThrow().describe());
        assertEquals("this machine has 25.3 GB", MemoryLimit.fromProperties("25276203008", "machine").orElseThrow().describe());
        for (String[] bad : new String[][] {{null, "container"}, {"2000000000", null}, {"2000000000", "pod"}, {"two", "machine"},
                {"0", "machine"}, {"-5", "container"}}) {
            assertEquals(Optional.empty(), MemoryLimit.fromProperties(bad[0], bad[1]), String.join(",", String.valueOf(bad[0]), bad[1]));
        }
    }

    @Test
    void withoutThemAJvmTotalBelowMemTotalIsAContainer() throws Exception {
        Path meminfo = dir.resolve("meminfo");
        Files.writeString(meminfo, "MemTotal:       24683792 kB\nMemFree:         1000000 kB\n");
        long machine = MemoryLimit.machineBytes(meminfo);
        assertEquals(24683792L * 1024, machine);
        assertEquals(Optional.of(new MemoryLimit(2L << 30, true)), MemoryLimit.fromJvm(2L << 30, machine));
        assertEquals(Optional.of(new MemoryLimit(machine, false)), MemoryLimit.fromJvm(machine, machine));
        assertEquals(Optional.of(new MemoryLimit(8L << 30, false)), MemoryLimit.fromJvm(8L << 30, 0), "no MemTotal: not told");
        assertEquals(0, MemoryLimit.machineBytes(dir.resolve("absent")));
        assertEquals(Optional.empty(), MemoryLimit.fromJvm(0, machine));
    }

    @Test
    void thisProcessHasOne() {
        MemoryLimit limit = MemoryLimit.ofThisProcess().orElseThrow();
        assertTrue(limit.bytes() > 100_000_000L, limit.toString());
    }
}
