package io.gannotebooks.data;

import io.gannotebooks.util.Files2;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image archive on the web (.tgz, .tar.gz, .tar or .zip) turned into a local folder of images, once.
 *
 * <p>Below the cache directory: {@code downloads/<name>-<url hash>.part} while the archive downloads (kept
 * across runs, so an interrupted download resumes), then {@code archives/<name>-<url hash>/} with its image
 * files and a {@code .sha256} file holding the archive's checksum, written last. Once that folder exists
 * the archive itself is deleted and the URL is never fetched again; the folder is then opened like any
 * image folder, with its own decoded cache.
 */
public final class ImageArchive {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final String CHECKSUM_FILE = ".sha256";
    private static final long RETRY_DELAY_MS = 1000;

    private ImageArchive() {
    }

    /** True for an http:// or https:// address, which {@link Datasets#open} treats as an archive. */
    public static boolean isUrl(String spec) {
        String lower = spec.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /**
     * The folder holding the images of the archive at {@code url}, downloading and extracting it first if
     * this cache does not have it yet.
     *
     * @param sha256 the checksum the archive's publisher gives, 64 hexadecimal digits, or null for none
     * @throws IllegalArgumentException if the URL or checksum is malformed, or the URL names no known archive
     *                                  format
     * @throws DatasetException         if the download fails, the checksum differs, or the archive holds no
     *                                  images; nothing is left in the cache then but a resumable part file
     */
    public static Path folder(String url, String sha256, Path cacheDirectory, ProgressListener progress) {
        return folder(url, sha256, cacheDirectory, progress, ArchiveLimits.DEFAULT);
    }

    /** {@link #folder(String, String, Path, ProgressListener)} under other limits than the default ones. */
    static Path folder(String url, String sha256, Path cacheDirectory, ProgressListener progress, ArchiveLimits limits) {
        URI uri = parse(url);
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("--sha256 must be 64 hexadecimal digits, got '" + sha256 + "'");
        }
        String expected = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
        String fileName = Path.of(uri.getPath()).getFileName().toString();
        ArchiveExtraction.Format format = ArchiveExtraction.Format.of(fileName).orElseThrow(() ->
                new IllegalArgumentException("an archive URL must end in .tgz, .tar.gz, .tar or .zip: " + url));
        String key = fileName.replaceAll("[^A-Za-z0-9_.]+", "_") + "-" + ImageCache.sha256(uri.toString()).substring(0, 8);
        Path folder = cacheDirectory.resolve("archives").resolve(key);

        Optional<String> extracted = checksumOf(folder);
        if (extracted.isPresent()) {
            if (expected != null && !expected.equals(extracted.get())) {
                throw new DatasetException("the archive extracted earlier from " + url + " has SHA-256 "
                        + extracted.get() + ", not " + expected + "; delete " + folder + " to download it again");
            }
            progress.note("using the archive extracted earlier in " + folder);
            return folder;
        }

        Path part = cacheDirectory.resolve("downloads").resolve(key + ".part");
        try {
            Files.createDirectories(part.getParent());
            if (Files.exists(part)) {
                progress.note("resuming the download of " + url + " after " + ArchiveDownload.megabytes(Files.size(part)));
            } else {
                progress.note("downloading " + url);
            }
        } catch (IOException e) {
            throw new DatasetException("cannot write to " + part.getParent() + ": " + e.getMessage(), e);
        }
        new ArchiveDownload(uri, part, progress, RETRY_DELAY_MS, limits).run();

        String actual = ArchiveDownload.sha256(part);
        if (expected != null && !expected.equals(actual)) {
            delete(part);
            throw new DatasetException("the file downloaded from " + url + " has SHA-256 " + actual + ", not the "
                    + "expected " + expected + "; deleted it (a damaged download, or the file changed on the server)");
        }
        progress.note(expected != null ? "SHA-256 verified" : "SHA-256 " + actual
                + " (not checked: give --sha256 with the value the archive's publisher gives)");
        try {
            extract(part, format, folder, actual, url, progress, limits);
        } finally {
            delete(part); // extracted, the archive would only double the disk space; damaged, it is of no use
        }
        return folder;
    }

    /**
     * Extracts into a temporary sibling and renames it into place with the checksum inside, so that the
     * folder exists complete or not at all: an archive refused halfway leaves nothing behind.
     */
    private static void extract(Path archive, ArchiveExtraction.Format format, Path folder, String checksum,
                                String url, ProgressListener progress, ArchiveLimits limits) {
        Path temporary = folder.resolveSibling(folder.getFileName() + ".extracting");
        try {
            Files2.deleteTree(temporary); // left by a crash: start it over
            Files.createDirectories(temporary);
            ArchiveExtraction.Result result = ArchiveExtraction.extract(archive, format, temporary, limits);
            if (result.unsafe() > 0) {
                progress.note("passed over " + result.unsafe() + " archive entries with names outside the archive"
                        + " (first: " + result.firstUnsafe() + ")");
            }
            if (result.oversized() > 0) {
                progress.note("skipped " + result.oversized() + " image " + (result.oversized() == 1 ? "entry" : "entries")
                        + " over " + ArchiveLimits.size(limits.maxEntryBytes()) + " (first: " + result.firstOversized() + ")");
            }
            if (result.images() == 0) {
                throw new DatasetException("no JPEG, PNG, GIF or BMP files in the archive " + url);
            }
            progress.note("extracted " + result.images() + " image files into " + folder);
            Files.writeString(temporary.resolve(CHECKSUM_FILE), checksum + "\n", StandardCharsets.US_ASCII);
            Files2.deleteTree(folder);
            Files2.move(temporary, folder);
        } catch (ArchiveExtraction.Refused e) {
            throw new DatasetException("the archive from " + url + " " + e.getMessage() + "; nothing was extracted"
                    + (e.advice.isEmpty() ? "" : ": " + e.advice), e);
        } catch (IOException e) {
            throw new DatasetException("cannot extract the archive from " + url + ": " + Files2.reason(e), e);
        } finally {
            try {
                Files2.deleteTree(temporary);
            } catch (IOException e) {
                // a leftover temporary folder is deleted by the next extraction
            }
        }
    }

    /** The checksum recorded in a completely extracted folder, or empty if there is none. */
    private static Optional<String> checksumOf(Path folder) {
        try {
            return Optional.of(Files.readString(folder.resolve(CHECKSUM_FILE), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().endsWith("/")) {
                throw new IllegalArgumentException("not a URL of an archive file: " + url);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + url);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left behind, it is resumed (and checked again) next time
        }
    }
}
