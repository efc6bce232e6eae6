package io.gannotebooks.data;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Finds the image files of a dataset folder, in a fixed order. */
final class ImageFiles {
    /** Chosen by name only: ImageIO decides from the content later, and files it cannot read are skipped. */
    static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp");

    private ImageFiles() {
    }

    /**
     * Every image file below {@code folder}, at any depth, sorted by relative path so that index {@code i}
     * means the same image on every machine and every run.
     *
     * <p>Hidden files and folders (names starting with '.') are left out: they are editor backups, version
     * control and the "._name.jpg" resource forks that macOS leaves in zip archives, never images. Symbolic
     * links are followed, since datasets often live on another disk; subfolders that cannot be listed are
     * passed over rather than failing the whole dataset.
     *
     * @throws DatasetException if {@code folder} does not exist, is not a directory or cannot be listed
     */
    static List<ImageFile> find(Path folder) {
        if (!Files.exists(folder)) {
            throw new DatasetException("no such folder: " + folder.toAbsolutePath());
        }
        if (!Files.isDirectory(folder)) {
            throw new DatasetException("not a folder: " + folder.toAbsolutePath());
        }
        List<ImageFile> found = new ArrayList<>();
        try {
            Path root = folder.toRealPath();
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                            return !dir.equals(root) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                            if (attributes.isRegularFile() && !isHidden(file) && hasImageExtension(file)) {
                                found.add(new ImageFile(file, relativePath(root, file), attributes.size(),
                                        attributes.lastModifiedTime().toMillis()));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException problem) {
                            if (file.equals(root)) {
                                // without this, a folder the user may not list looks like one without images
                                throw new DatasetException("cannot read " + folder.toAbsolutePath() + ": "
                                        + why(problem), problem);
                            }
                            return FileVisitResult.CONTINUE; // unreadable subfolder or a symlink loop
                        }
                    });
        } catch (IOException e) {
            throw new DatasetException("cannot list folder " + folder.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(ImageFile::relativePath));
        return found;
    }

    /** "permission denied" rather than AccessDeniedException's bare path. */
    private static String why(IOException problem) {
        if (problem instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = problem.getMessage();
        return message == null ? problem.getClass().getSimpleName() : message;
    }

    static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static String relativePath(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
