package io.gannotebooks.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class ImageFolderDatasetTest {
    private static final int PIXELS = 3 * 64 * 64;

    @TempDir
    Path dir;

    private Path images() {
        return dir.resolve("images");
    }

    private ImageFolderDataset.Options options() {
        return ImageFolderDataset.Options.defaults().withCacheDirectory(dir.resolve("cache"));
    }

    /** Remembers everything the dataset tells its listener. */
    private static final class Recorder implements ProgressListener {
        final List<Integer> done = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        int total = -1;

        @Override
        public void decoded(int done, int total) {
            this.done.add(done);
            this.total = total;
        }

        @Override
        public void note(String line) {
            notes.add(line);
        }
    }

    private static float[] pixels(ImageDataset dataset, int... indices) {
        float[] dest = new float[indices.length * PIXELS];
        dataset.fill(indices, dest);
        return dest;
    }

    private List<Path> cacheFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            return files.toList();
        }
    }

    /** Every kind of file the brief names: 13 readable images, 4 unreadable ones, 3 to be ignored. */
    private void writeMixedFolder() throws IOException {
        Path root = images();
        TestImages.write(root.resolve("a_rgb.png"), TestImages.filled(80, 60, Color.ORANGE), "png");
        TestImages.write(root.resolve("b_gray.png"), TestImages.gray(50, 128), "png");
        TestImages.write(root.resolve("c_alpha.png"), TestImages.halfTransparent(64, Color.RED), "png");
        TestImages.write(root.resolve("d_palette.png"), TestImages.palette(40, Color.BLUE), "png");
        TestImages.write(root.resolve("e_gray16.png"), TestImages.gray16(70, 40000), "png");
        TestImages.write(root.resolve("f_rgb16.png"), TestImages.rgb16(70, 65535, 30000, 0), "png");
        TestImages.write(root.resolve("g.gif"), TestImages.palette(64, Color.GREEN), "gif");
        TestImages.write(root.resolve("h.bmp"), TestImages.filled(64, 64, Color.CYAN), "bmp");
        TestImages.write(root.resolve("i.jpg"), TestImages.filled(64, 64, Color.PINK), "jpg");
        TestImages.write(root.resolve("j_dot.png"), TestImages.filled(1, 1, Color.WHITE), "png");
        TestImages.write(root.resolve("k_big.jpg"), TestImages.centreSquare(4000, 3000, Color.RED, Color.BLUE), "jpg");
        TestImages.write(root.resolve("nested/deeper/L.JPG"), TestImages.filled(64, 64, Color.GRAY), "jpg");
        TestImages.write(root.resolve("nested/M.PNG"), TestImages.filled(64, 64, Color.BLACK), "png");
        TestImages.corruptHeaderJpeg(root.resolve("bad/corrupt.jpg"));
        TestImages.emptyFile(root.resolve("bad/empty.png"));
        TestImages.textFile(root.resolve("bad/text.jpg"));
        TestImages.truncatedJpeg(root.resolve("bad/truncated.jpg"));
        TestImages.textFile(root.resolve("readme.txt"));
        TestImages.write(root.resolve(".hidden.png"), TestImages.gray(8, 0), "png");
        TestImages.textFile(root.resolve("nested/notes.md"));
    }

    @Test
    void loadsEveryReadableKindAndSkipsTheRestInOneLine() throws IOException {
        writeMixedFolder();
        Recorder recorder = new Recorder();
        ImageFolderDataset dataset = ImageFolderDataset.open(images(), options(), recorder);

        assertEquals(13, dataset.size());
        assertEquals(64, dataset.imageSize());
        LoadReport report = dataset.report();
        assertEquals(17, report.filesFound());
        assertEquals(13, report.imagesLoaded());
        assertEquals(4, report.skipped());
        assertFalse(report.fromCache());
        String line = report.skipLine().orElseThrow();
        Path list = report.skippedList().orElseThrow();
        assertEquals("skipped 4 of 17 files (2 damaged, 1 empty, 1 not an image), each with its reason in "
                + list, line);
        assertTrue(recorder.notes.contains(line), recorder.notes.toString());
        assertEquals(report.cacheFile().getParent(), list.getParent(), "the list lies next to the cache");
        List<String> listed = Files.readAllLines(list);
        assertEquals(List.of("bad/corrupt.jpg", "bad/empty.png", "bad/text.jpg", "bad/truncated.jpg"),
                listed.stream().map(entry -> entry.split("\t")[0]).toList());
        assertTrue(listed.get(1).endsWith("\tempty file"), listed.get(1));
        assertTrue(listed.get(2).endsWith("\tnot a supported image"), listed.get(2));
        assertTrue(listed.get(3).startsWith("bad/truncated.jpg\tdamaged ("), listed.get(3));
        assertEquals(17, recorder.total);
        assertEquals(IntStream.rangeClosed(1, 17).boxed().toList(), recorder.done);

        float[] all = pixels(dataset, IntStream.range(0, 13).toArray());
        for (float v : all) {
            assertTrue(v >= -1f && v <= 1f, "out of range: " + v);
        }
        assertEquals(13, dataset.batch(IntStream.range(0, 13).toArray()).size(0));
        // sorted order: a_rgb, b_gray, c_alpha, ... ; gray 128 maps to about 0
        float[] gray = pixels(dataset, 1);
        assertEquals(0f, gray[30 * 64 + 30], 0.01f);
        // the big photo's centre square is red, its borders blue
        float[] big = pixels(dataset, 10);
        assertEquals(1f, big[32 * 64 + 2], 0.05f, "red at the left edge of the crop");
        assertEquals(-1f, big[2 * 64 * 64 + 32 * 64 + 2], 0.05f, "no blue at the left edge of the crop");
    }

    @Test
    void secondOpenReadsTheCacheWithoutDecoding() throws IOException {
        TestImages.write(images().resolve("one.png"), TestImages.halves(64, Color.RED, Color.BLUE), "png");
        TestImages.write(images().resolve("two.jpg"), TestImages.noise(64, 3), "jpg");
        TestImages.emptyFile(images().resolve("three.png"));
        ImageFolderDataset first = ImageFolderDataset.open(images(), options(), ProgressListener.silent());

        Recorder recorder = new Recorder();
        ImageFolderDataset second = ImageFolderDataset.open(images(), options(), recorder);
        assertTrue(second.report().fromCache());
        assertEquals(List.of(), recorder.done, "nothing decoded");
        assertEquals(first.report().cacheFile(), second.report().cacheFile());
        assertEquals(first.report().skipLine(), second.report().skipLine(), "the skip report survives");
        assertTrue(second.report().skipLine().orElseThrow().startsWith("skipped 1 of 3 files (1 empty), each"));
        assertArrayEquals(pixels(first, 0, 1), pixels(second, 0, 1));
        assertEquals(Set.of(first.report().cacheFile(), first.report().skippedList().orElseThrow()),
                Set.copyOf(cacheFiles()), "one cache and its list of skipped files");
    }

    @Test
    void changedAddedOrDamagedFilesRebuildTheCache() throws IOException {
        Path one = TestImages.write(images().resolve("one.png"), TestImages.filled(64, 64, Color.RED), "png");
        ImageFolderDataset before = ImageFolderDataset.open(images(), options(), ProgressListener.silent());

        TestImages.write(one, TestImages.filled(64, 64, Color.BLUE), "png");
        Files.setLastModifiedTime(one, FileTime.fromMillis(Files.getLastModifiedTime(one).toMillis() + 10_000));
        ImageFolderDataset changed = ImageFolderDataset.open(images(), options(), ProgressListener.silent());
        assertFalse(changed.report().fromCache());
        assertEquals(-1f, pixels(changed, 0)[0], 1e-6f, "no more red");
        assertFalse(Arrays.equals(pixels(before, 0), pixels(changed, 0)));
        assertEquals(List.of(changed.report().cacheFile()), cacheFiles(), "the stale cache is removed");

        TestImages.write(images().resolve("two.png"), TestImages.filled(64, 64, Color.GREEN), "png");
        ImageFolderDataset added = ImageFolderDataset.open(images(), options(), ProgressListener.silent());
        assertFalse(added.report().fromCache());
        assertEquals(2, added.size());

        // a cache cut short (a crash mid-copy, a full disk) is not trusted
        Path cache = added.report().cacheFile();
        Files.write(cache, Arrays.copyOf(Files.readAllBytes(cache), (int) Files.size(cache) - 100));
        ImageFolderDataset rebuilt = ImageFolderDataset.open(images(), options(), ProgressListener.silent());
        assertFalse(rebuilt.report().fromCache());
        assertEquals(2, rebuilt.size());
    }

    @Test
    void flipAppendsMirrorImages() throws IOException {
        TestImages.write(images().resolve("a.png"), TestImages.halves(64, Color.RED, Color.BLUE), "png");
        TestImages.write(images().resolve("b.png"), TestImages.noise(64, 9), "png");
        ImageFolderDataset plain = ImageFolderDataset.open(images(), options(), ProgressListener.silent());
        ImageFolderDataset flipped = ImageFolderDataset.open(images(), options().withFlip(true),
                ProgressListener.silent());
        assertEquals(2, plain.size());
        assertEquals(4, flipped.size());
        assertTrue(flipped.report().fromCache(), "flipping needs no second cache");
        for (int i = 0; i < 2; i++) {
            float[] original = pixels(flipped, i);
            float[] mirror = pixels(flipped, i + 2);
            assertArrayEquals(pixels(plain, i), original);
            for (int row = 0; row < 3 * 64; row++) {
                for (int x = 0; x < 64; x++) {
                    assertEquals(original[row * 64 + x], mirror[row * 64 + 63 - x]);
                }
            }
        }
        // image a: red on the left; its mirror: red on the right
        assertEquals(1f, pixels(flipped, 2)[10 * 64 + 60]);
        assertThrows(IndexOutOfBoundsException.class, () -> pixels(flipped, 4));
    }

    @Test
    void theSpecSaysWhetherMirrorsAreAddedAndReopensThem() throws IOException {
        TestImages.write(images().resolve("a.png"), TestImages.halves(64, Color.RED, Color.BLUE), "png");
        String folder = images().toRealPath().toString();
        ImageDataset plain = Datasets.open(images().toString(), false, null);
        ImageDataset flipped = Datasets.open(images().toString(), true, null);
        assertEquals(folder, plain.spec());
        assertEquals(folder + "+flip", flipped.spec());
        // the spec reopens what it names: "+flip" does what --flip does
        ImageDataset reopened = Datasets.open(flipped.spec(), false, null);
        assertEquals(2, reopened.size());
        assertEquals(flipped.spec(), reopened.spec());
        assertArrayEquals(pixels(flipped, 1), pixels(reopened, 1));
        assertEquals(1, Datasets.open(plain.spec(), false, null).size());
        // a relative path names the same images as the absolute one, with or without mirrors
        String relative = Path.of("").toAbsolutePath().relativize(images().toAbsolutePath()).toString();
        assertTrue(Datasets.sameSpec(relative + "+flip", flipped.spec()));
        assertFalse(Datasets.sameSpec(relative, flipped.spec()));
        assertEquals("emoji+flip", Datasets.withFlip("emoji", true));
        assertEquals("emoji", Datasets.withFlip("emoji+flip", false));
        assertEquals("emoji+flip", Datasets.withFlip("emoji+flip", true));
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.open("shapes+flip", false, null));
        assertTrue(e.getMessage().contains("applies to image folders and emoji"), e.getMessage());
    }

    @Test
    void missingOrEmptyOrUnreadableFoldersSayWhatIsWrong() throws IOException {
        Path missing = dir.resolve("nowhere");
        assertMessage("no such folder: " + missing, missing);

        Path file = TestImages.textFile(dir.resolve("file.jpg"));
        assertMessage("not a folder: " + file, file);

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertMessage("no JPEG, PNG, GIF or BMP files in " + empty.toRealPath(), empty);

        Path textOnly = dir.resolve("text-only");
        TestImages.textFile(textOnly.resolve("readme.txt"));
        assertMessage("no JPEG, PNG, GIF or BMP files in " + textOnly.toRealPath(), textOnly);

        Path bad = dir.resolve("bad");
        TestImages.textFile(bad.resolve("x.jpg"));
        TestImages.emptyFile(bad.resolve("y.png"));
        assertMessage("none of the 2 image files in " + bad.toRealPath()
                + " could be read (1 empty, 1 not an image; first: x.jpg: not a supported image)", bad);
        assertFalse(Files.exists(dir.resolve("cache")) && !cacheFiles().isEmpty(), "no cache for a bad folder");
    }

    /**
     * Needs a user the permission bits apply to: root reads any folder, so there the test is skipped (run it
     * as another user, or as root without the DAC capabilities: {@code setpriv --inh-caps=-dac_override,
     * -dac_read_search --bounding-set=-dac_override,-dac_read_search mvn test ...}).
     */
    @Test
    void aFolderThatMayNotBeListedSaysSoInsteadOfLookingEmpty() throws IOException {
        Path locked = images();
        TestImages.write(locked.resolve("a.png"), TestImages.filled(8, 8, Color.RED), "png");
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(locked);
        Files.setPosixFilePermissions(locked, Set.of());
        try {
            assumeFalse(Files.isReadable(locked), "permission bits do not bind this user (root)");
            assertMessage("cannot read " + locked + ": permission denied", locked);
        } finally {
            Files.setPosixFilePermissions(locked, before);
        }
    }

    @Test
    void aChangedSetOfSkippedFilesReplacesTheOldList() throws IOException {
        TestImages.write(images().resolve("a.png"), TestImages.filled(8, 8, Color.RED), "png");
        TestImages.emptyFile(images().resolve("b.png"));
        Path oldList = ImageFolderDataset.open(images(), options(), ProgressListener.silent()).report()
                .skippedList().orElseThrow();
        Files.delete(images().resolve("b.png"));
        ImageFolderDataset clean = ImageFolderDataset.open(images(), options(), ProgressListener.silent());
        assertEquals(Optional.empty(), clean.report().skipLine());
        assertEquals(Optional.empty(), clean.report().skippedList());
        assertFalse(Files.exists(oldList), "a stale list goes with its stale cache");
        assertEquals(List.of(clean.report().cacheFile()), cacheFiles());
    }

    private void assertMessage(String expected, Path folder) {
        DatasetException e = assertThrows(DatasetException.class,
                () -> ImageFolderDataset.open(folder, options(), ProgressListener.silent()));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void nameAndOptionsReadWell() throws IOException {
        TestImages.write(images().resolve("a.png"), TestImages.filled(64, 64, Color.RED), "png");
        ImageFolderDataset dataset = ImageFolderDataset.open(images(), options().withFlip(true),
                ProgressListener.silent());
        assertEquals("folder images (1 image + mirrors)", dataset.name());
        assertEquals(images().toRealPath(), dataset.folder());
        assertThrows(IllegalArgumentException.class, () -> options().withThreads(0));
        assertThrows(IllegalArgumentException.class, () -> options().withImageSize(2));
    }

    @Test
    void otherImageSizesGetTheirOwnCache() throws IOException {
        TestImages.write(images().resolve("a.png"), TestImages.filled(100, 100, Color.RED), "png");
        ImageFolderDataset small = ImageFolderDataset.open(images(), options().withImageSize(32),
                ProgressListener.silent());
        assertEquals(32, small.imageSize());
        float[] dest = new float[3 * 32 * 32];
        small.fill(new int[]{0}, dest);
        assertEquals(1f, dest[0]);
        ImageFolderDataset.open(images(), options(), ProgressListener.silent());
        assertEquals(2, cacheFiles().size(), "one cache per size, neither replaces the other");
        assertTrue(ImageFolderDataset.open(images(), options().withImageSize(32), ProgressListener.silent())
                .report().fromCache());
    }
}
