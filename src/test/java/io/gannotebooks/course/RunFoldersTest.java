package io.gannotebooks.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFoldersTest {
    @Test
    void setsTheRunAsideUnderTheFirstFreeName(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("course-smoke");
        assertTrue(RunFolders.setAside(run).isEmpty(), "nothing to set aside");
        Files.createDirectories(run);
        Files.writeString(run.resolve("history.csv"), "first");
        Path first = RunFolders.setAside(run).orElseThrow();
        assertEquals(tmp.resolve("course-smoke.previous-1").toAbsolutePath(), first);
        assertFalse(Files.exists(run));
        Files.createDirectories(run);
        Files.writeString(run.resolve("history.csv"), "second");
        Path second = RunFolders.setAside(run).orElseThrow();
        assertEquals("course-smoke.previous-2", second.getFileName().toString());
        assertEquals("first", Files.readString(first.resolve("history.csv")), "nothing is overwritten or deleted");
        assertEquals("second", Files.readString(second.resolve("history.csv")));
    }
}
