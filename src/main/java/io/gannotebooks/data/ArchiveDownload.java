package io.gannotebooks.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one file over HTTP(S) into a {@code .part} file that survives interruptions: a dropped
 * connection is resumed where it stopped (an HTTP Range request), in this run a few times and otherwise in
 * the next one. A server that ignores the Range header sends the whole file again, which is detected and
 * handled by starting over.
 */
final class ArchiveDownload {
    /** Attempts per run; a connection dropped after progress does not use one up. */
    static final int ATTEMPTS = 4;
    private static final int MAX_REDIRECTS = 5;
    private static final int TIMEOUT_MS = 60_000;
    private static final int BUFFER = 1 << 16;
    /** How many bytes may be written between two looks at the disk's free space. */
    private static final long SPACE_CHECK_BYTES = 1 << 20;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");
    private static final Pattern UNSATISFIABLE_RANGE = Pattern.compile("bytes \\*/(\\d+)");

    private final URI uri;
    private final Path part;
    private final ProgressListener progress;
    private final long retryDelayMs;
    private final ArchiveLimits limits;

    /**
     * @param part         where the bytes go; its current length is taken as already downloaded
     * @param retryDelayMs pause before the first retry, doubled before each next one
     * @param limits       the free space the download leaves on the part's disk
     */
    ArchiveDownload(URI uri, Path part, ProgressListener progress, long retryDelayMs, ArchiveLimits limits) {
        this.uri = uri;
        this.part = part;
        this.progress = progress;
        this.retryDelayMs = retryDelayMs;
        this.limits = limits;
    }

    /**
     * Completes {@link #part}.
     *
     * @throws DatasetException when the server refuses the file, or the connection fails {@link #ATTEMPTS}
     *                          times without progress; the part stays for the next run to resume
     */
    void run() {
        long delay = retryDelayMs;
        int failures = 0;
        while (true) {
            long before = length(part);
            try {
                fetchRest();
                return;
            } catch (IOException e) {
                long after = length(part);
                failures = after > before ? 1 : failures + 1; // progress made: the count starts again
                if (failures >= ATTEMPTS) {
                    throw new DatasetException("download of " + uri + " failed " + ATTEMPTS + " times (" + reason(e)
                            + "); the " + megabytes(after) + " downloaded so far are kept in " + part
                            + ": run the same command again to resume");
                }
                progress.note("connection lost after " + megabytes(after) + " (" + reason(e) + "); resuming in "
                        + delay / 1000.0 + " s");
                sleep(delay);
                delay *= 2;
            }
        }
    }

    /** One connection: asks for the bytes after those in the part file and appends them. */
    private void fetchRest() throws IOException {
        long have = length(part);
        HttpURLConnection connection = open(have);
        try {
            int status = connection.getResponseCode();
            long total;
            boolean append;
            if (status == 416 && have > 0) {
                // nothing after what we have: the part is complete if the server's size matches it
                Matcher m = UNSATISFIABLE_RANGE.matcher(String.valueOf(connection.getHeaderField("Content-Range")));
                if (m.matches() && Long.parseLong(m.group(1)) == have) {
                    progress.downloaded(have, have);
                    return;
                }
                Files.delete(part);
                throw new IOException("the server no longer has the bytes after " + megabytes(have) + "; starting over");
            } else if (status == 206 && have > 0) {
                Matcher m = CONTENT_RANGE.matcher(String.valueOf(connection.getHeaderField("Content-Range")));
                if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                    Files.delete(part);
                    throw new IOException("the server resumed at another place than asked; starting over");
                }
                total = m.group(2).equals("*") ? -1 : Long.parseLong(m.group(2));
                append = true;
            } else if (status == 200) {
                total = connection.getContentLengthLong();
                append = false; // no resume support (or nothing to resume): the whole file comes again
                if (have > 0) {
                    progress.note("the server does not resume downloads; starting over");
                }
            } else if (status >= 500) {
                throw new IOException("HTTP " + status); // the server's trouble, often passing: retry
            } else {
                throw new DatasetException("cannot download " + uri + ": HTTP " + status
                        + (connection.getResponseMessage() == null ? "" : " " + connection.getResponseMessage()));
            }
            copy(connection, append ? have : 0, total, append);
        } finally {
            connection.disconnect();
        }
    }

    private void copy(HttpURLConnection connection, long start, long total, boolean append) throws IOException {
        long done = start;
        if (total > start) { // a file announced too big for the disk is refused before its first byte
            requireSpace(total - start, done);
        }
        try (InputStream in = connection.getInputStream();
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            progress.downloaded(done, total);
            byte[] buffer = new byte[BUFFER];
            long unchecked = SPACE_CHECK_BYTES; // look before the first bytes too
            int n;
            while ((n = in.read(buffer)) >= 0) {
                unchecked += n;
                if (unchecked >= SPACE_CHECK_BYTES) { // a server may send more than it announced, or announce nothing
                    requireSpace(SPACE_CHECK_BYTES, done);
                    unchecked = 0;
                }
                out.write(buffer, 0, n);
                done += n;
                progress.downloaded(done, total);
            }
        }
        // HttpURLConnection may report a fixed-length body cut short as a normal end: count for ourselves
        if (total >= 0 && done != total) {
            throw new IOException("connection closed at byte " + done + " of " + total);
        }
    }

    /**
     * Stops the download when {@code more} bytes would leave less free space on the disk than
     * {@link ArchiveLimits#keepFreeBytes}, keeping what it has for a later run to resume.
     */
    private void requireSpace(long more, long done) throws IOException {
        Optional<String> low = limits.lowSpace(part.getParent(), part.getParent(), more);
        if (low.isEmpty()) {
            return;
        }
        String advice = "free some space, or set GAN_CACHE_DIR to a folder on a disk with more";
        if (done == 0) {
            Files.deleteIfExists(part);
            throw new DatasetException("cannot download " + uri + ": its " + megabytes(more) + " " + low.get() + "; " + advice);
        }
        throw new DatasetException("the download of " + uri + " stopped after " + megabytes(done) + ": the next "
                + megabytes(more) + " " + low.get() + "; " + advice + ", then run the same command again to resume");
    }

    /** A GET for the bytes from {@code from} on, following redirects (also from http to https). */
    private HttpURLConnection open(long from) throws IOException {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpURLConnection connection = (HttpURLConnection) current.toURL().openConnection();
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(TIMEOUT_MS);
            connection.setReadTimeout(TIMEOUT_MS);
            // a compressed transfer would make byte offsets mean something else
            connection.setRequestProperty("Accept-Encoding", "identity");
            if (from > 0) {
                connection.setRequestProperty("Range", "bytes=" + from + "-");
            }
            int status = connection.getResponseCode();
            String location = connection.getHeaderField("Location");
            if (status / 100 == 3 && status != 304 && location != null) {
                connection.disconnect();
                try {
                    current = current.resolve(location);
                } catch (IllegalArgumentException e) {
                    throw new DatasetException("cannot download " + uri + ": redirected to a malformed address " + location);
                }
                continue;
            }
            return connection;
        }
        throw new DatasetException("cannot download " + uri + ": more than " + MAX_REDIRECTS + " redirects");
    }

    /** SHA-256 of a file, as 64 lower-case hexadecimal digits. */
    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static long length(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("download interrupted; run the same command again to resume", e);
        }
    }
}
