package io.gannotebooks.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineTest {
    @TempDir
    Path tmp;

    @Test
    void flagsAreWholeWordsOfTheFlagsLine() throws IOException {
        Path zen4 = Files.writeString(tmp.resolve("zen4"), "processor\t: 0\nmodel name\t: AMD EPYC\n"
                + "flags\t\t: fpu avx2 avx512f avx512_bf16 avx512_vnni\n");
        Path zen3 = Files.writeString(tmp.resolve("zen3"), "processor\t: 0\nmodel name\t: AMD EPYC\n"
                + "flags\t\t: fpu avx2 avx512_bf16x\nbugs\t\t: avx512_bf16\n");
        assertTrue(Machine.hasFlag(zen4, "avx512_bf16"));
        assertFalse(Machine.hasFlag(zen3, "avx512_bf16"), "a longer flag or another line is not the flag");
        assertFalse(Machine.hasFlag(tmp.resolve("missing"), "avx2"));
        assertEquals("AMD EPYC, 2 cores, AVX-512 with BF16", Machine.describe(zen4, 2));
        assertEquals("AMD EPYC, 2 cores, AVX2", Machine.describe(zen3, 2));
    }
}
