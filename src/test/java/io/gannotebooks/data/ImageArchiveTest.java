package io.gannotebooks.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gannotebooks.cli.Main;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Image archives served by a real HTTP server on 127.0.0.1 that can drop connections and ignore ranges. */
class ImageArchiveTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** Range headers received, in order ("" for a request without one). */
    private final List<String> ranges = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();
    /** The next this-many full (non-range) responses stop after half the body and close the connection. */
    private final AtomicInteger drops = new AtomicInteger();
    private volatile boolean rangesSupported = true;

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
        requests.incrementAndGet();
        byte[] body = files.get(exchange.getRequestURI().getPath());
        String range = exchange.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "" : range);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        int from = 0;
        if (range != null && rangesSupported) {
            from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            exchange.sendResponseHeaders(206, body.length - from);
        } else {
            exchange.sendResponseHeaders(200, body.length);
        }
        OutputStream out = exchange.getResponseBody();
        if (from == 0 && drops.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            out.write(body, 0, body.length / 2);
            out.flush();
            // a handler that fails makes the server close the connection, with half the announced body sent
            throw new IOException("connection dropped on purpose");
        }
        out.write(body, from, body.length - from);
        out.close();
    }

    private String url(String path, byte[] body) {
        files.put(path, body);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Three good images (one of them large, random pixels), a text file, and entries that must not come out. */
    private static byte[] tgz() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            add(tar, "faces/a.png", TinyColorFont.png(TestImages.filled(20, 20, Color.RED)));
            add(tar, "faces/b.png", TinyColorFont.png(TestImages.filled(30, 20, Color.BLUE)));
            add(tar, "faces/deep/" + "x".repeat(120) + "/noise.png", TinyColorFont.png(TestImages.noise(200, 3)));
            add(tar, "faces/notes.txt", "not an image".getBytes(StandardCharsets.UTF_8));
            add(tar, "faces/.hidden.png", TinyColorFont.png(TestImages.filled(8, 8, Color.GREEN)));
            add(tar, "../evil.png", TinyColorFont.png(TestImages.filled(8, 8, Color.GREEN)));
            add(tar, "faces/../../evil2.png", TinyColorFont.png(TestImages.filled(8, 8, Color.GREEN)));
            TarArchiveEntry absolute = new TarArchiveEntry("/tmp/gan-evil-absolute.png", true);
            byte[] green = TinyColorFont.png(TestImages.filled(8, 8, Color.GREEN));
            absolute.setSize(green.length);
            tar.putArchiveEntry(absolute);
            tar.write(green);
            tar.closeArchiveEntry();
            TarArchiveEntry link = new TarArchiveEntry("faces/link.png", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("img/c.png", TinyColorFont.png(TestImages.filled(16, 16, Color.YELLOW)));
            entries.put("img/d.bmp", bmp());
            entries.put("..\\evil.png", TinyColorFont.png(TestImages.filled(8, 8, Color.GREEN)));
            entries.put("C:/evil.png", TinyColorFont.png(TestImages.filled(8, 8, Color.GREEN)));
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] bmp() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(TestImages.filled(16, 16, Color.CYAN), "bmp", out);
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Relative paths of the regular files below {@code root}. */
    private static List<String> filesBelow(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    /** Notes and progress as the command line prints them (not on a terminal here: plain lines). */
    private static final class Lines implements ProgressListener {
        final List<String> lines = new ArrayList<>();
        final List<Long> bytes = new ArrayList<>();

        @Override
        public void downloaded(long done, long total) {
            bytes.add(done);
        }

        @Override
        public void note(String line) {
            lines.add(line);
        }
    }

    @Test
    void aDroppedDownloadResumesWithARangeRequestAndOnlySafeImagesAreExtracted() throws Exception {
        byte[] archive = tgz();
        String url = url("/data/faces.tgz", archive);
        drops.set(1);
        Path cache = dir.resolve("cache");
        Lines progress = new Lines();

        Path folder = ImageArchive.folder(url, sha256(archive).toUpperCase(), cache, progress);

        assertEquals(List.of("", "bytes=" + archive.length / 2 + "-"), ranges, "the second request resumes");
        assertTrue(progress.lines.stream().anyMatch(l -> l.startsWith("connection lost after")), progress.lines.toString());
        assertTrue(progress.lines.contains("SHA-256 verified"), progress.lines.toString());
        assertEquals(archive.length, (long) progress.bytes.get(progress.bytes.size() - 1));
        assertEquals(List.of(".sha256", "faces/a.png", "faces/b.png",
                "faces/deep/" + "x".repeat(120) + "/noise.png"), filesBelow(folder), "images only, inside the folder");
        assertTrue(progress.lines.contains("passed over 3 archive entries with names outside the archive (first: ../evil.png)"),
                progress.lines.toString());
        assertFalse(Files.exists(Path.of("/tmp/gan-evil-absolute.png")));
        assertEquals(List.of(), filesBelow(cache.resolve("downloads")), "the archive is deleted once extracted");
        assertEquals(filesBelow(folder).stream().map(p -> "archives/" + folder.getFileName() + "/" + p).toList(),
                filesBelow(cache), "nothing else in the cache, nothing outside it");

        ImageFolderDataset data = ImageFolderDataset.open(folder,
                ImageFolderDataset.Options.defaults().withCacheDirectory(cache), ProgressListener.silent());
        assertEquals(3, data.size());

        int before = requests.get();
        Lines again = new Lines();
        assertEquals(folder, ImageArchive.folder(url, null, cache, again));
        assertEquals(before, requests.get(), "an extracted archive is not fetched again");
        assertEquals(List.of("using the archive extracted earlier in " + folder), again.lines);
        DatasetException changed = assertThrows(DatasetException.class,
                () -> ImageArchive.folder(url, "0".repeat(64), cache, ProgressListener.silent()));
        assertTrue(changed.getMessage().startsWith("the archive extracted earlier from " + url + " has SHA-256 "
                + sha256(archive) + ", not " + "0".repeat(64)), changed.getMessage());
    }

    @Test
    void aServerThatIgnoresRangesSendsTheWholeFileAgain() throws Exception {
        byte[] archive = zip();
        String url = url("/c.zip", archive);
        rangesSupported = false;
        drops.set(2);
        Lines progress = new Lines();

        Path folder = ImageArchive.folder(url, sha256(archive), dir.resolve("cache"), progress);

        assertEquals(List.of("", "bytes=" + archive.length / 2 + "-", "bytes=" + archive.length / 2 + "-"), ranges);
        assertTrue(progress.lines.contains("the server does not resume downloads; starting over"), progress.lines.toString());
        assertEquals(List.of(".sha256", "img/c.png", "img/d.bmp"), filesBelow(folder));
        assertTrue(progress.lines.stream().anyMatch(l -> l.startsWith("passed over 2 archive entries with names outside")),
                progress.lines.toString());
    }

    @Test
    void aWrongChecksumIsOneClearErrorAndLeavesNothingInTheCache() throws Exception {
        byte[] archive = tgz();
        String url = url("/faces.tar.gz", archive);
        Path cache = dir.resolve("cache");
        String wrong = "ab".repeat(32);

        DatasetException e = assertThrows(DatasetException.class,
                () -> ImageArchive.folder(url, wrong, cache, ProgressListener.silent()));
        assertEquals("the file downloaded from " + url + " has SHA-256 " + sha256(archive) + ", not the expected "
                + wrong + "; deleted it (a damaged download, or the file changed on the server)", e.getMessage());
        assertEquals(List.of(), filesBelow(cache));

        // the same through the command line: exit 1, one line, no stack trace, no training
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of("train", "--data", url, "--sha256", wrong, "--out", dir.resolve("run").toString()),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, printed);
        assertTrue(printed.contains("\ngan: the file downloaded from " + url + " has SHA-256 "), printed);
        assertFalse(printed.contains("\r"), "plain progress lines when stderr is not a terminal: " + printed);
        assertFalse(printed.contains("\tat "), printed);
    }

    @Test
    void aPlainTarWorksAndBadAddressesAreRefusedClearly() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            add(tar, "one.gif", gif());
        }
        Path folder = ImageArchive.folder(url("/x/one.tar", bytes.toByteArray()), null, dir.resolve("cache"),
                ProgressListener.silent());
        assertEquals(List.of(".sha256", "one.gif"), filesBelow(folder));

        DatasetException missing = assertThrows(DatasetException.class, () -> ImageArchive.folder(
                url("/y.tgz", new byte[0]).replace("/y.tgz", "/absent.tgz"), null, dir.resolve("cache"),
                ProgressListener.silent()));
        assertTrue(missing.getMessage().endsWith("/absent.tgz: HTTP 404 Not Found"), missing.getMessage());
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
                () -> ImageArchive.folder("https://example.org/faces.rar", null, dir, ProgressListener.silent()));
        assertEquals("an archive URL must end in .tgz, .tar.gz, .tar or .zip: https://example.org/faces.rar",
                format.getMessage());
        IllegalArgumentException checksum = assertThrows(IllegalArgumentException.class,
                () -> ImageArchive.folder("https://example.org/a.zip", "abc", dir, ProgressListener.silent()));
        assertEquals("--sha256 must be 64 hexadecimal digits, got 'abc'", checksum.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Datasets.open("shapes", false, "0".repeat(64), null));
    }

    @Test
    void entryNamesThatLeaveTheFolderAreRecognised() {
        Path root = dir.toAbsolutePath();
        assertEquals(Optional.of(root.resolve("a/b.png")), ArchiveExtraction.inside(root, "a/b.png"));
        assertEquals(Optional.of(root.resolve("a/b.png")), ArchiveExtraction.inside(root, "./a//b.png"));
        for (String bad : List.of("../x.png", "a/../../x.png", "a/../x.png", "/etc/x.png", "\\x.png", "C:x.png",
                "c:\\x.png", "..", "", ".")) {
            assertEquals(Optional.empty(), ArchiveExtraction.inside(root, bad), bad);
        }
    }

    private static byte[] gif() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(TestImages.filled(10, 10, Color.ORANGE), "gif", out);
        return out.toByteArray();
    }
}
