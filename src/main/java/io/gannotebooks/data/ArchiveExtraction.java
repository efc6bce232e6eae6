package io.gannotebooks.data;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Copies the image files of a tar, gzip-compressed tar or zip archive into a folder, and nothing else.
 *
 * <p>An archive names its own files, so a hostile or careless one can name "../../.bashrc" or "/etc/passwd".
 * Entries whose names are absolute or climb out with "..", links (which could point anywhere), hidden files
 * and files that are not JPEG, PNG, GIF or BMP by name are passed over; what is written stays inside the
 * target folder.
 */
final class ArchiveExtraction {
    /** The archive formats, chosen by the name's ending. */
    enum Format {
        TAR_GZ, TAR, ZIP;

        /** The format a URL's path or a file name ends with, if any. */
        static Optional<Format> of(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".tgz") || lower.endsWith(".tar.gz")) {
                return Optional.of(TAR_GZ);
            }
            if (lower.endsWith(".tar")) {
                return Optional.of(TAR);
            }
            return lower.endsWith(".zip") ? Optional.of(ZIP) : Optional.empty();
        }
    }

    /** What the extraction did. */
    record Result(int images, int unsafe, String firstUnsafe) {
    }

    private ArchiveExtraction() {
    }

    /**
     * Extracts the image files of {@code archive} below {@code target} (which must exist), keeping their
     * folders.
     *
     * @throws IOException if the archive is damaged or cannot be read, or the target cannot be written
     */
    static Result extract(Path archive, Format format, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        int images = 0;
        int unsafe = 0;
        String firstUnsafe = "";
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             ArchiveInputStream entries = open(file, format)) {
            ArchiveEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                if (!isPlainFile(entry) || !entries.canReadEntryData(entry)) {
                    continue;
                }
                Optional<Path> destination = inside(root, entry.getName());
                if (destination.isEmpty()) {
                    if (unsafe++ == 0) {
                        firstUnsafe = entry.getName();
                    }
                    continue;
                }
                Path path = destination.get();
                if (isHidden(path) || !ImageFiles.hasImageExtension(path)) {
                    continue;
                }
                Files.createDirectories(path.getParent());
                Files.copy(entries, path, StandardCopyOption.REPLACE_EXISTING); // reads this entry only
                images++;
            }
        }
        return new Result(images, unsafe, firstUnsafe);
    }

    private static ArchiveInputStream open(InputStream file, Format format) throws IOException {
        return switch (format) {
            case TAR_GZ -> new TarArchiveInputStream(new GZIPInputStream(file, 1 << 16));
            case TAR -> new TarArchiveInputStream(file);
            case ZIP -> new ZipArchiveInputStream(file);
        };
    }

    /** A regular file: not a folder, nor a symbolic or hard link that could write through another path. */
    private static boolean isPlainFile(ArchiveEntry entry) {
        if (entry.isDirectory()) {
            return false;
        }
        if (entry instanceof TarArchiveEntry tar) {
            return tar.isFile() && !tar.isSymbolicLink() && !tar.isLink();
        }
        return !(entry instanceof ZipArchiveEntry zip) || !zip.isUnixSymlink();
    }

    /**
     * Where an entry named {@code name} goes below {@code root}, or empty when the name is absolute ("/x",
     * "C:x", "\\x") or leaves the root through "..".
     */
    static Optional<Path> inside(Path root, String name) {
        String slashed = name.replace('\\', '/');
        if (slashed.isEmpty() || slashed.startsWith("/") || slashed.matches("^[A-Za-z]:.*")) {
            return Optional.empty();
        }
        for (String part : slashed.split("/")) {
            if (part.equals("..")) {
                return Optional.empty();
            }
        }
        Path path = root.resolve(slashed).normalize();
        return path.startsWith(root) && !path.equals(root) ? Optional.of(path) : Optional.empty();
    }

    private static boolean isHidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }
}
