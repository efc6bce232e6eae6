package io.gannotebooks.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageCacheTest {
    private static final int SIDE = 8;

    @TempDir
    Path dir;

    private static byte[] image(int seed) {
        byte[] pixels = new byte[3 * SIDE * SIDE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (seed * 31 + i);
        }
        return pixels;
    }

    private List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    @Test
    void writtenImagesReadBackWithTheirSkipReport() throws IOException {
        Path file = dir.resolve("cache").resolve("x.images");
        try (CacheWriter writer = new CacheWriter(file, SIDE)) {
            for (int i = 0; i < 5; i++) {
                writer.append(image(i));
            }
            writer.commit(2, "bad/one.jpg: empty file");
        }
        CachedImages images = CachedImages.open(file, SIDE).orElseThrow();
        assertEquals(new CacheHeader(SIDE, 5, 2, "bad/one.jpg: empty file"), images.header());
        assertEquals(CacheHeader.BYTES + 5 * 3 * SIDE * SIDE, Files.size(file));
        byte[] read = new byte[3 * SIDE * SIDE];
        images.read(3, read);
        assertArrayEquals(image(3), read);
        assertEquals(List.of(file), filesIn(file.getParent()), "no temporary file left");
    }

    @Test
    void anUncommittedCacheLeavesNothingBehind() throws IOException {
        Path file = dir.resolve("x.images");
        try (CacheWriter writer = new CacheWriter(file, SIDE)) {
            writer.append(image(0));
        }
        assertEquals(List.of(), filesIn(dir));
    }

    @Test
    void aCutOrForeignFileIsNotACache() throws IOException {
        Path file = dir.resolve("x.images");
        try (CacheWriter writer = new CacheWriter(file, SIDE)) {
            writer.append(image(0));
            writer.append(image(1));
            writer.commit(0, "");
        }
        assertTrue(CachedImages.open(file, SIDE).isPresent());
        assertFalse(CachedImages.open(file, 2 * SIDE).isPresent(), "other image size");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(file) - 1);
        }
        assertFalse(CachedImages.open(file, SIDE).isPresent(), "cut short");
        Files.writeString(file, "hello");
        assertFalse(CachedImages.open(file, SIDE).isPresent(), "not a cache");
    }

    @Test
    void keyChangesWithAnyFileDetailOrTheImageSize() {
        ImageCache cache = new ImageCache(dir);
        Path folder = dir.resolve("faces");
        List<ImageFile> files = List.of(new ImageFile(folder.resolve("a.png"), "a.png", 100, 5000));
        Path base = cache.fileFor(folder, files, 64);
        assertEquals(base, cache.fileFor(folder, files, 64));
        assertTrue(base.getFileName().toString().matches("faces-[0-9a-f]{8}-64px-[0-9a-f]{24}\\.images"),
                base.toString());
        assertEquals(dir, base.getParent());
        assertNotEquals(base, cache.fileFor(folder, files, 32));
        assertNotEquals(base, cache.fileFor(dir.resolve("other/faces"), files, 64));
        assertNotEquals(base, cache.fileFor(folder,
                List.of(new ImageFile(folder.resolve("a.png"), "a.png", 101, 5000)), 64));
        assertNotEquals(base, cache.fileFor(folder,
                List.of(new ImageFile(folder.resolve("a.png"), "a.png", 100, 5001)), 64));
        assertNotEquals(base, cache.fileFor(folder,
                List.of(new ImageFile(folder.resolve("b.png"), "b.png", 100, 5000)), 64));
    }

    @Test
    void headerTextIsShortenedToFit() {
        CacheHeader header = new CacheHeader(64, 1, 1, "é".repeat(5000));
        CacheHeader decoded = CacheHeader.decode(header.encode());
        assertEquals(header, decoded);
        assertTrue(decoded.skipReasons().length() < 5000);
    }
}
