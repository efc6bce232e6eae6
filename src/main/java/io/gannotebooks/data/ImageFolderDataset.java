package io.gannotebooks.data;

import io.gannotebooks.util.CacheDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The images of a folder (at any depth), centre-cropped, resized and optionally mirrored.
 *
 * <p>The first open decodes every JPEG, PNG, GIF and BMP file once into a cache file of 8-bit pixels
 * (12 KiB per 64x64 image); later opens of the unchanged folder read that cache directly. Files that cannot
 * be decoded are skipped and summed up in one line ({@link LoadReport#skipLine()}), never thrown.
 *
 * <pre>{@code
 * ImageFolderDataset faces = ImageFolderDataset.open(Path.of("data/celeba"),
 *         ImageFolderDataset.Options.defaults().withFlip(true), ProgressListener.silent());
 * }</pre>
 */
public final class ImageFolderDataset extends CachedImageDataset {
    /**
     * How to open a folder.
     *
     * @param imageSize      side of the square images, in pixels
     * @param flip           add the mirror image of every picture: index {@code i >= n} is image
     *                       {@code i - n} flipped left to right, so the dataset has 2n images. Deterministic,
     *                       the training loop's shuffle supplies the randomness.
     * @param cacheDirectory where decoded folders are kept
     * @param threads        decoding threads on a first open
     */
    public record Options(int imageSize, boolean flip, Path cacheDirectory, int threads) {
        public Options {
            if (imageSize < 4 || imageSize > 1024) {
                throw new IllegalArgumentException("image size must be between 4 and 1024 pixels: " + imageSize);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("need at least one decoding thread: " + threads);
            }
            Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        }

        /** 64x64, no flip, the default cache directory, 2 decoding threads (decoding is rarely the limit). */
        public static Options defaults() {
            return new Options(64, false, CacheDirectory.standard(), 2);
        }

        public Options withImageSize(int imageSize) {
            return new Options(imageSize, flip, cacheDirectory, threads);
        }

        public Options withFlip(boolean flip) {
            return new Options(imageSize, flip, cacheDirectory, threads);
        }

        public Options withCacheDirectory(Path cacheDirectory) {
            return new Options(imageSize, flip, cacheDirectory, threads);
        }

        public Options withThreads(int threads) {
            return new Options(imageSize, flip, cacheDirectory, threads);
        }
    }

    private final Path folder;

    private ImageFolderDataset(Path folder, CachedImages images, boolean flip, LoadReport report) {
        super(images, flip, report);
        this.folder = folder;
    }

    /** Opens {@code folder} with the default options, silently. */
    public static ImageFolderDataset open(Path folder) {
        return open(folder, Options.defaults(), ProgressListener.silent());
    }

    /**
     * Opens {@code folder}, decoding it into the cache unless an up-to-date cache exists.
     *
     * @throws DatasetException if the folder is missing, is not a folder, holds no image files, or none of
     *                          them can be read; or if the cache cannot be written
     */
    public static ImageFolderDataset open(Path folder, Options options, ProgressListener progress) {
        List<ImageFile> files = ImageFiles.find(folder);
        Path root = realPath(folder); // the cache key must not depend on how the folder was named
        if (files.isEmpty()) {
            throw new DatasetException("no JPEG, PNG, GIF or BMP files in " + root);
        }
        ImageCache cache = new ImageCache(options.cacheDirectory());
        Path cacheFile = cache.fileFor(root, files, options.imageSize());
        Optional<CachedImages> cached = cache.open(cacheFile, options.imageSize());
        boolean fromCache = cached.isPresent();
        CachedImages images;
        if (fromCache) {
            images = cached.get();
            progress.note("using cached images " + cacheFile);
        } else {
            progress.note("decoding " + files.size() + " image files from " + root + " into " + cacheFile);
            images = decodeIntoCache(root, files, options, cache, cacheFile, progress);
        }
        return new ImageFolderDataset(root, images, options.flip(),
                report(files.size(), images, fromCache, cacheFile, progress));
    }

    private static CachedImages decodeIntoCache(Path root, List<ImageFile> files, Options options,
                                                ImageCache cache, Path cacheFile, ProgressListener progress) {
        ImageDecoder decoder = new ImageDecoder(options.imageSize());
        return cache.build(cacheFile, options.imageSize(), "image files in " + root, files, ImageFile::relativePath,
                file -> decoder.decode(file.path()), options.threads(), progress);
    }

    private static Path realPath(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder.toAbsolutePath().normalize(); // it was listed a moment ago: only a race gets here
        }
    }

    /** The folder, as an absolute path with links resolved. */
    public Path folder() {
        return folder;
    }

    @Override
    public String name() {
        return "folder " + folder.getFileName() + " (" + imageCount() + ")";
    }

    /** The folder's absolute path. */
    @Override
    String imagesSpec() {
        return Datasets.canonicalSpec(folder.toString());
    }
}
