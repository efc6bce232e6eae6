package io.gannotebooks.data;

import io.gannotebooks.util.CacheDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Where decoded folders are kept: one file per (folder, image size, contents), named
 * {@code <folder name>-<folder hash>-<side>px-<contents hash>.images}.
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

    /** {@link CacheDirectory#standard()}: {@code $GAN_CACHE_DIR} if set, else {@code ~/.cache/gan-notebooks}. */
    static Path defaultDirectory() {
        return CacheDirectory.standard();
    }

    Path directory() {
        return directory;
    }

    /** The cache file for these files of {@code folder} at this image side. */
    Path fileFor(Path folder, List<ImageFile> files, int side) {
        Path absolute = folder.toAbsolutePath().normalize();
        // fed line by line: for 200k files one string would be tens of MB of heap for a moment
        MessageDigest contents = sha256();
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

    /**
     * Writes one "relative/path{TAB}reason" line per skipped file, atomically (a temporary file renamed into
     * place), before the cache itself is committed: a cache never exists without its list.
     */
    void writeSkippedList(Path cacheFile, List<CacheBuilder.Skip> skips) throws IOException {
        Path list = skippedListFor(cacheFile);
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, list.getFileName().toString(), ".tmp");
        try {
            List<String> lines = skips.stream().map(skip -> skip.relativePath() + "\t" + skip.reason()).toList();
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

    private static String sha256(String text) {
        MessageDigest digest = sha256();
        update(digest, text);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
