package io.gannotebooks.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFilesTest {
    @TempDir
    Path dir;

    private void touch(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, relative);
    }

    @Test
    void findsImagesByExtensionAtAnyDepthInSortedOrder() throws IOException {
        for (String name : List.of("b.png", "a.JPG", "z/deeper/c.jpeg", "z/d.Gif", "e.bmp", "f.PNG",
                "notes.txt", "g.jpg.bak", "noextension", ".hidden.jpg", ".git/h.png", "z/.thumbs/i.png")) {
            touch(name);
        }
        List<String> found = ImageFiles.find(dir).stream().map(ImageFile::relativePath).toList();
        assertEquals(List.of("a.JPG", "b.png", "e.bmp", "f.PNG", "z/d.Gif", "z/deeper/c.jpeg"), found);
    }

    @Test
    void recordsSizeAndModificationTime() throws IOException {
        touch("one.png");
        ImageFile file = ImageFiles.find(dir).get(0);
        assertEquals(Files.size(dir.resolve("one.png")), file.bytes());
        assertEquals(Files.getLastModifiedTime(dir.resolve("one.png")).toMillis(), file.modified());
    }

    @Test
    void missingPathOrPlainFileIsADatasetException() throws IOException {
        Path missing = dir.resolve("nope");
        DatasetException e = assertThrows(DatasetException.class, () -> ImageFiles.find(missing));
        assertEquals("no such folder: " + missing.toAbsolutePath(), e.getMessage());
        touch("file.png");
        e = assertThrows(DatasetException.class, () -> ImageFiles.find(dir.resolve("file.png")));
        assertTrue(e.getMessage().startsWith("not a folder: "), e.getMessage());
    }
}
