package io.gannotebooks.data;

import io.gannotebooks.util.CacheDirectory;
import io.gannotebooks.util.Files2;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where decoded folders (and fonts) are kept: one file per (folder, image size, contents), named
 * {@code <folder name>-<folder hash>-<side>px-<contents hash>.images}. A font is keyed like a folder of one
 * file, by its own path.
 *
 * <p>The contents hash covers every file's relative path, size and modification time, the image side and
 * {@link CacheHeader#FORMAT_VERSION}: adding, removing or editing any image gives a new name, so a stale
 * cache is never read. The name up to the contents hash lets a new cache replace the old ones of the same
 * folder and size, which matters when one of them is 2.4 GB.
 */
final class ImageCache {
    private static final String SUFFIX = ".images";
    private static final String SKIPPED_SUFFIX = ".skipped.txt";

    private final Path directory;

    ImageCache(Path directory) {
        this.directory = directory;
    }

    /** The cache file for these files of {@code folder} at this image side. */
    Path fileFor(Path folder, List<ImageFile> files, int side) {
        Path absolute = folder.toAbsolutePath().normalize();
        // fed line by line: for 200k files one string would be tens of MB of heap for a moment
        MessageDigest contents = Files2.sha256Digest();
        update(contents, "format " + CacheHeader.FORMAT_VERSION + "\nside " + side + "\nfolder " + absolute + "\n");
        for (ImageFile file : files) {
            update(contents, file.relativePath() + '\t' + file.bytes() + '\t' + file.modified() + '\n');
        }
        String contentsHash = HexFormat.of().formatHex(contents.digest()).substring(0, 24);
        return directory.resolve(prefix(absolute) + side + "px-" + contentsHash + SUFFIX);
    }

    Optional<CachedImages> open(Path cacheFile, int side) {
        return Files.isRegularFile(cacheFile) ? CachedImages.open(cacheFile, side) : Optional.empty();
    }

    /** The list of the files a cache left out: "x.images" -> "x.skipped.txt" beside it. */
    static Path skippedListFor(Path cacheFile) {
        String name = cacheFile.getFileName().toString();
        return cacheFile.resolveSibling(name.substring(0, name.length() - SUFFIX.length()) + SKIPPED_SUFFIX);
    }

    /** The list of what {@code header}'s cache left out, if anything was and the list is still there. */
    static Optional<Path> skippedList(Path cacheFile, CacheHeader header) {
        Path list = skippedListFor(cacheFile);
        return header.skipped() > 0 && Files.isRegularFile(list) ? Optional.of(list) : Optional.empty();
    }

    /**
     * Writes one "relative/path{TAB}reason" line per skipped file, atomically (a temporary file renamed into
     * place), before the cache itself is committed: a cache never exists without its list.
     */
    void writeSkippedList(Path cacheFile, List<CacheBuilder.Skip> skips) throws IOException {
        Path list = skippedListFor(cacheFile);
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, list.getFileName().toString(), ".tmp");
        try {
            List<String> lines = skips.stream().map(skip -> skip.name() + "\t" + skip.reason()).toList();
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            Files.move(temporary, list, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    CacheWriter create(Path cacheFile, int side) throws IOException {
        return new CacheWriter(cacheFile, side);
    }

    /**
     * Decodes {@code items} into {@code cacheFile}, lists the skipped ones next to it, replaces the older
     * caches of the same source, and opens the result. Nothing is left under the cache's name unless it is
     * complete.
     *
     * @param what how the items are called in messages: "image files in /data/cats"
     * @throws DatasetException if none of the items can be decoded or the cache cannot be written
     */
    <T> CachedImages build(Path cacheFile, int side, String what, List<T> items, Function<T, String> names,
                           CacheBuilder.Decoding<T> decoding, int threads, ProgressListener progress) {
        try (CacheWriter writer = create(cacheFile, side)) {
            List<CacheBuilder.Skip> skips = CacheBuilder.build(items, names, decoding, writer, threads, progress);
            if (writer.count() == 0) {
                throw new DatasetException("none of the " + items.size() + " " + what + " could be read ("
                        + CacheBuilder.countByKind(skips) + "; first: " + skips.get(0) + ")");
            }
            if (!skips.isEmpty()) {
                writeSkippedList(cacheFile, skips);
            }
            writer.commit(skips.size(), CacheBuilder.countByKind(skips));
        } catch (IOException e) {
            throw new DatasetException("cannot write the image cache " + cacheFile + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("interrupted while decoding the " + what, e);
        }
        removeOthers(cacheFile);
        return open(cacheFile, side).orElseThrow(() ->
                new DatasetException("the image cache " + cacheFile + " vanished or was damaged right after writing"));
    }

    /**
     * Deletes the older caches of the folder and image size that {@code current} belongs to. Best effort: a file another process still uses may refuse to go, and stays until next time.
     */
    void removeOthers(Path current) {
        String name = current.getFileName().toString();
        String prefix = name.substring(0, name.lastIndexOf('-') + 1);
        String list = skippedListFor(current).getFileName().toString();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory,
                prefix + "*{" + SUFFIX + "," + SKIPPED_SUFFIX + "}")) {
            for (Path other : stream) {
                String otherName = other.getFileName().toString();
                if (!otherName.equals(name) && !otherName.equals(list)) {
                    Files.deleteIfExists(other);
                }
            }
        } catch (IOException e) {
            // leaving an old cache behind costs disk space, not correctness
        }
    }

    /** "celeba-1a2b3c4d-": readable in a directory listing, unique per absolute folder path. */
    private static String prefix(Path absoluteFolder) {
        Path name = absoluteFolder.getFileName();
        String readable = name == null ? "root" : name.toString().replaceAll("[^A-Za-z0-9_.]+", "_");
        if (readable.length() > 40) {
            readable = readable.substring(0, 40);
        }
        return readable + "-" + sha256(absoluteFolder.toString()).substring(0, 8) + "-";
    }

    /** SHA-256 of the UTF-8 text, as 64 hexadecimal digits. */
    static String sha256(String text) {
        MessageDigest digest = Files2.sha256Digest();
        update(digest, text);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
    }
}
