package io.gannotebooks.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gannotebooks.cli.Main;
import io.gannotebooks.data.CraftedArchives.ZipEntrySpec;
import io.gannotebooks.util.CacheDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Archives built to hurt, served by a real HTTP server on 127.0.0.1 and opened the way {@code --data URL}
 * opens them: zip bombs, entries that lie about their size, truncated and garbled archives, a zip whose two
 * tables of contents disagree, a disk about to fill. Each ends in one line and leaves nothing behind.
 */
class CraftedArchiveTest {
    private static final long MB = 1_000_000;

    @TempDir
    Path dir;

    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** Paths answered without a Content-Length (chunked), as a server that does not know the size. */
    private final Set<String> chunked = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = files.get(path);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, chunked.contains(path) ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            // the client stopped reading: what these tests want of some downloads
        }
    }

    private String url(String path, byte[] body) {
        files.put(path, body);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static List<String> filesBelow(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    /**
     * Limits on a disk that has {@code spare} bytes beyond the 1 GB kept free, less what was written below
     * {@code watched}: the real disk's figure moves with other processes, and some file systems report a
     * write only at their next commit.
     */
    private static ArchiveLimits spareBytes(Path watched, long spare) {
        return ArchiveLimits.DEFAULT.withFreeSpace(folder -> {
            long written = 0;
            for (String f : filesBelow(watched)) {
                written += Files.size(watched.resolve(f));
            }
            return ArchiveLimits.DEFAULT.keepFreeBytes() + spare - written;
        });
    }

    private static byte[] png(Color color) throws IOException {
        return TinyColorFont.png(TestImages.filled(12, 12, color));
    }

    /** What opening {@code url} into a fresh cache refuses with; the cache must be left empty. */
    private String refusal(String url, ArchiveLimits limits) throws IOException {
        Path cache = Files.createTempDirectory(dir, "cache");
        DatasetException e = assertThrows(DatasetException.class,
                () -> ImageArchive.folder(url, null, cache, ProgressListener.silent(), limits));
        assertEquals(List.of(), filesBelow(cache), "nothing left in the cache after: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        System.out.println("gan: " + e.getMessage()); // what the command line prints
        return e.getMessage();
    }

    @Test
    void theCraftedDataIsValidAndExpandsToWhatItClaims() throws Exception {
        byte[] prefix = "header".getBytes(StandardCharsets.US_ASCII);
        byte[] deflated = CraftedArchives.deflatedZeros(prefix, 3);
        Inflater inflater = new Inflater(true);
        inflater.setInput(deflated);
        byte[] out = new byte[3 * CraftedArchives.MIB + prefix.length + 10];
        int n = inflater.inflate(out);
        assertTrue(inflater.finished(), "the final block ends the stream");
        assertEquals(3 * CraftedArchives.MIB + prefix.length, n);
        assertArrayEquals(prefix, Arrays.copyOf(out, prefix.length));
        CRC32 crc = new CRC32();
        crc.update(out, 0, n);
        assertEquals(CraftedArchives.crcOfZeros(prefix, 3), crc.getValue());
        assertTrue(CraftedArchives.deflatedZeros(new byte[0], 1024).length < 1.1 * MB, "a GiB of zeros in about 1 MB");

        // a small .tgz of zeros passes gzip's own CRC and size check, and a small zip of them extracts
        try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(CraftedArchives.tgzOfZeros("z.png", 2)))) {
            assertEquals(512 + 2L * CraftedArchives.MIB, gz.transferTo(OutputStream.nullOutputStream()));
        }
        List<ZipEntrySpec> entries = List.of(ZipEntrySpec.zeros("z/a.png", 2, 2L * CraftedArchives.MIB, false),
                ZipEntrySpec.zeros("z/b.png", 1, CraftedArchives.MIB, true), ZipEntrySpec.stored("z/c.png", png(Color.RED)));
        Path folder = ImageArchive.folder(url("/small.zip", CraftedArchives.zip(entries, entries)), null,
                dir.resolve("cache"), ProgressListener.silent());
        assertEquals(List.of(".sha256", "z/a.png", "z/b.png", "z/c.png"), filesBelow(folder));
        assertEquals(2L * CraftedArchives.MIB, Files.size(folder.resolve("z/a.png")));
    }

    @Test
    void aZipBombEndsInOneLineWithinSecondsAndLeavesTheDiskAsItWas() throws Exception {
        // 8 entries of 1 GiB of zeros each: 8.6 GB of "images" in an archive of 8 MB
        List<ZipEntrySpec> entries = new ArrayList<>();
        ZipEntrySpec gigabyte = ZipEntrySpec.zeros("bomb/0.png", 1024, 1024L * CraftedArchives.MIB, false);
        for (int i = 0; i < 8; i++) {
            entries.add(gigabyte.named("bomb/" + i + ".png"));
        }
        byte[] bomb = CraftedArchives.zip(entries, entries);
        assertTrue(bomb.length < 10 * MB, bomb.length + " bytes");
        String url = url("/bomb.zip", bomb);
        Path cache = CacheDirectory.standard();
        Files.createDirectories(cache);
        long freeBefore = Files.getFileStore(cache).getUsableSpace();

        long start = System.nanoTime();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of("train", "--data", url, "--out", dir.resolve("run").toString()),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        double seconds = (System.nanoTime() - start) / 1e9;
        long freeAfter = Files.getFileStore(cache).getUsableSpace();

        String printed = err.toString(StandardCharsets.UTF_8);
        List<String> errors = printed.lines().filter(l -> l.startsWith("gan: ")).toList();
        assertEquals(1, status, printed);
        assertEquals(1, errors.size(), printed);
        assertTrue(errors.get(0).matches("gan: the archive from " + url.replace(".", "\\.") + " expands to more than 200 "
                + "times its size \\([0-9.]+ MB from the first [0-9.]+ MB\\), as zip bombs do; nothing was extracted"), printed);
        assertFalse(printed.contains("\tat "), printed);
        assertTrue(seconds < 30, "refused after " + seconds + " s");
        String key = "bomb.zip-" + ImageCache.sha256(url).substring(0, 8);
        try (Stream<Path> walk = Files.walk(cache)) {
            assertEquals(List.of(), walk.filter(p -> p.toString().contains(key)).toList(), "nothing of it in the cache");
        }
        // other processes write too: a bomb that got through would show as gigabytes, not megabytes
        assertTrue(freeBefore - freeAfter < 256 * MB, (freeBefore - freeAfter) / MB + " MB less free");
        System.out.printf("zip bomb of %.1f MB (8 x 1 GiB of zeros): refused in %.2f s, free space %+.1f MB%n",
                bomb.length / 1e6, seconds, (freeAfter - freeBefore) / 1e6);
    }

    @Test
    void bombsThatHideTheirSizeOrLieAboutItAreRefusedToo() throws Exception {
        // sizes only after the data (a streaming writer's zip): written up to the entry limit, deleted, then refused
        List<ZipEntrySpec> hidden = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            hidden.add(ZipEntrySpec.zeros("bomb/" + i + ".png", 1024, 1024L * CraftedArchives.MIB, true));
        }
        String line = refusal(url("/hidden.zip", CraftedArchives.zip(hidden, hidden)), ArchiveLimits.DEFAULT);
        assertTrue(line.contains(" expands to more than 200 times its size ("), line);

        // declares a kilobyte, inflates to a gigabyte: refused at the 1 001st byte
        List<ZipEntrySpec> lying = List.of(ZipEntrySpec.zeros("liar.png", 1024, 1000, false));
        line = refusal(url("/liar.zip", CraftedArchives.zip(lying, lying)), ArchiveLimits.DEFAULT);
        assertTrue(line.endsWith(" is crafted or damaged: its entry liar.png holds more than the 1000 bytes it declares; "
                + "nothing was extracted"), line);

        // a tar entry of 1 GiB of zeros in a .tgz of 1 MB: skipped for its size, refused while skipping it
        long start = System.nanoTime();
        line = refusal(url("/zeros.tgz", CraftedArchives.tgzOfZeros("zeros.png", 1024)), ArchiveLimits.DEFAULT);
        assertTrue(line.contains(" expands to more than 200 times its size ("), line);
        assertTrue((System.nanoTime() - start) / 1e9 < 30, "within seconds");
    }

    @Test
    void aTarEntryThatDeclaresAHugeSizeIsOneLine() throws Exception {
        // 8 GiB declared (the most a ustar header holds), a kilobyte there
        String line = refusal(url("/huge.tar", CraftedArchives.tarDeclaring("huge.png", 8L * 1024 * 1024 * 1024 - 1, 1000)),
                ArchiveLimits.DEFAULT);
        assertTrue(line.matches("the archive from http://127\\.0\\.0\\.1:\\d+/huge\\.tar is damaged or truncated "
                + "\\(Truncated TAR archive\\); nothing was extracted"), line);
    }

    @Test
    void aTruncatedTgzIsOneLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(CraftedArchives.tarOf("a.png", CraftedArchives.noise(200_000, 1), false));
            gz.write(CraftedArchives.tarOf("b.png", CraftedArchives.noise(200_000, 2), true));
        }
        byte[] whole = bytes.toByteArray();
        String line = refusal(url("/cut.tgz", Arrays.copyOf(whole, whole.length * 3 / 4)), ArchiveLimits.DEFAULT);
        assertTrue(line.matches("the archive from \\S+/cut\\.tgz is damaged or truncated \\([^)]+\\); nothing was extracted"), line);
        // and a file that is no gzip at all
        line = refusal(url("/not.tgz", "<html>404</html>".getBytes(StandardCharsets.US_ASCII)), ArchiveLimits.DEFAULT);
        assertTrue(line.endsWith(" is damaged or truncated (Not in GZIP format); nothing was extracted"), line);
    }

    @Test
    void aZipWhoseCentralDirectoryLiesIsOneLine() throws Exception {
        ZipEntrySpec a = ZipEntrySpec.stored("img/a.png", png(Color.RED));
        ZipEntrySpec b = ZipEntrySpec.stored("img/b.png", png(Color.BLUE));
        // the central directory names another file than the local header does
        String line = refusal(url("/renamed.zip", CraftedArchives.zip(List.of(a, b), List.of(a.named("img/x.png"), b))),
                ArchiveLimits.DEFAULT);
        assertTrue(line.endsWith(" is crafted or damaged: its central directory does not match the entry img/a.png; "
                + "nothing was extracted"), line);
        // the central directory hides an entry that a streaming reader finds (the reader itself notices)
        line = refusal(url("/hiding.zip", CraftedArchives.zip(List.of(a, b), List.of(b))), ArchiveLimits.DEFAULT);
        assertTrue(line.endsWith(" is damaged or truncated (Truncated ZIP file); nothing was extracted"), line);
        // the central directory lists an entry twice, which other programs would show twice
        line = refusal(url("/twice.zip", CraftedArchives.zip(List.of(a, b), List.of(a, b, b))), ArchiveLimits.DEFAULT);
        assertTrue(line.endsWith(" is crafted or damaged: its central directory lists 3 entries, its data holds 2; "
                + "nothing was extracted"), line);
        // the end record points the central directory past the end of the file
        byte[] zip = CraftedArchives.zip(List.of(a, b), List.of(a, b));
        zip[zip.length - 3] = (byte) 0x7f; // the highest byte of the directory's offset
        line = refusal(url("/pointing.zip", zip), ArchiveLimits.DEFAULT);
        assertTrue(line.contains(" is damaged or truncated ("), line);
    }

    @Test
    void aTarWithAGarbageOrLoopingHeaderIsOneLine() throws Exception {
        String line = refusal(url("/garbage.tar", CraftedArchives.tarWithGarbageHeader(png(Color.RED), png(Color.BLUE))),
                ArchiveLimits.DEFAULT);
        assertTrue(line.endsWith(" is damaged or truncated (Corrupted TAR archive); nothing was extracted"), line);

        // 4 000 GNU long-name headers in a row, each announcing the next: 4 MB of headers for one entry
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(CraftedArchives.tarOfLongNameChain(4000, png(Color.GREEN)));
        }
        line = refusal(url("/chain.tgz", bytes.toByteArray()), ArchiveLimits.DEFAULT);
        assertTrue(line.endsWith(" is crafted or damaged: the headers of one of its entries (GNU long names or PAX records) "
                + "take more than 1.0 MB; nothing was extracted"), line);
        // a short chain is a long name like any other
        Path folder = ImageArchive.folder(url("/short-chain.tar", CraftedArchives.tarOfLongNameChain(3, png(Color.GREEN))),
                null, dir.resolve("cache"), ProgressListener.silent());
        assertEquals(List.of(".sha256", CraftedArchives.CHAIN_NAME), filesBelow(folder));
    }

    @Test
    void anImageEntryOverTheSizeLimitIsSkippedWithAReason() throws Exception {
        ArchiveLimits limits = ArchiveLimits.DEFAULT.withMaxEntryBytes(100_000);
        byte[] big = CraftedArchives.noise(300_000, 3);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.writeBytes(CraftedArchives.tarOf("big.png", big, false));
        tar.writeBytes(CraftedArchives.tarOf("small.png", png(Color.RED), true));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) { // deflated with a data descriptor: size unknown ahead
            out.putNextEntry(new ZipEntry("big.png"));
            out.write(big);
            out.putNextEntry(new ZipEntry("small.png"));
            out.write(png(Color.BLUE));
        }
        for (String name : List.of("/sizes.tar", "/sizes.zip")) {
            List<String> notes = new ArrayList<>();
            ProgressListener progress = new ProgressListener() {
                @Override
                public void downloaded(long done, long total) {
                }

                @Override
                public void note(String line) {
                    notes.add(line);
                }
            };
            Path folder = ImageArchive.folder(url(name, name.endsWith(".tar") ? tar.toByteArray() : zip.toByteArray()), null,
                    Files.createTempDirectory(dir, "cache"), progress, limits);
            assertEquals(List.of(".sha256", "small.png"), filesBelow(folder), name);
            assertTrue(notes.contains("skipped 1 image entry over 0.1 MB (first: big.png)"), notes.toString());
        }
    }

    @Test
    void extractionStopsBeforeTheDiskRunsLow() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            tar.writeBytes(CraftedArchives.tarOf("noise/" + i + ".png", CraftedArchives.noise(1_000_000, i), i == 19));
        }
        Path archive = dir.resolve("noise.tar");
        Files.write(archive, tar.toByteArray());
        Path target = Files.createDirectories(dir.resolve("archives/noise.extracting"));
        ArchiveLimits limits = spareBytes(target, 3 * MB);

        ArchiveExtraction.Refused e = assertThrows(ArchiveExtraction.Refused.class,
                () -> ArchiveExtraction.extract(archive, ArchiveExtraction.Format.TAR, target, limits));
        assertTrue(e.getMessage().startsWith("would leave less than 1.0 GB free on the disk of "
                + target.getParent().toAbsolutePath() + " ("), e.getMessage());
        assertEquals("free some space, or set GAN_CACHE_DIR to a folder on a disk with more", e.advice);
        long written = 0;
        for (String f : filesBelow(target)) {
            written += Files.size(target.resolve(f));
        }
        assertTrue(written <= 4 * MB, written + " bytes written of 20 MB");
    }

    @Test
    void aDownloadStopsBeforeTheDiskRunsLow() throws Exception {
        byte[] body = CraftedArchives.noise(16_000_000, 7);
        Path cache = Files.createTempDirectory(dir, "cache");
        Files.createDirectories(cache.resolve("downloads"));
        ArchiveLimits limits = spareBytes(cache, 3 * MB);

        // announced with its length: refused before the first byte
        String announced = url("/announced.tar", body);
        DatasetException e = assertThrows(DatasetException.class,
                () -> ImageArchive.folder(announced, null, cache, ProgressListener.silent(), limits));
        assertTrue(e.getMessage().startsWith("cannot download " + announced + ": its 16.0 MB would leave less than "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; free some space, or set GAN_CACHE_DIR to a folder on a disk with more"), e.getMessage());
        assertEquals(List.of(), filesBelow(cache));

        // sent without a length: stopped after a few megabytes, which are kept to resume
        String unannounced = url("/unannounced.tar", body);
        chunked.add("/unannounced.tar");
        e = assertThrows(DatasetException.class,
                () -> ImageArchive.folder(unannounced, null, cache, ProgressListener.silent(), limits));
        assertTrue(e.getMessage().matches("the download of \\S+ stopped after [0-9.]+ MB: the next 1\\.0 MB would leave "
                + "less than .* free now\\); free some space, or set GAN_CACHE_DIR to a folder on a disk with more, then run "
                + "the same command again to resume"), e.getMessage());
        List<String> left = filesBelow(cache);
        assertEquals(1, left.size(), left.toString());
        assertTrue(left.get(0).startsWith("downloads/unannounced.tar-") && left.get(0).endsWith(".part"), left.toString());
        assertTrue(Files.size(cache.resolve(left.get(0))) <= 4 * MB, "stopped within the 3 MB to spare");
    }
}
