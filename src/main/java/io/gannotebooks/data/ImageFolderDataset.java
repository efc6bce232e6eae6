package io.gannotebooks.data;

import java.io.IOException;
import java.nio.file.Files;
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
public final class ImageFolderDataset implements ImageDataset {
    /** 0..255 to [-1, 1], looked up rather than divided: fill runs over every pixel of every batch. */
    private static final float[] LEVELS = new float[256];

    static {
        for (int level = 0; level < 256; level++) {
            LEVELS[level] = ImageConversion.fromByte(level);
        }
    }

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
            return new Options(64, false, ImageCache.defaultDirectory(), 2);
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
    private final CachedImages images;
    private final boolean flip;
    private final LoadReport report;

    private ImageFolderDataset(Path folder, CachedImages images, boolean flip, LoadReport report) {
        this.folder = folder;
        this.images = images;
        this.flip = flip;
        this.report = report;
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
        CacheHeader header = images.header();
        Path skippedList = ImageCache.skippedListFor(cacheFile);
        LoadReport report = new LoadReport(files.size(), header.count(), header.skipped(), header.skipReasons(),
                fromCache, cacheFile, header.skipped() > 0 && Files.isRegularFile(skippedList)
                ? Optional.of(skippedList) : Optional.empty());
        report.skipLine().ifPresent(progress::note);
        return new ImageFolderDataset(root, images, options.flip(), report);
    }

    private static CachedImages decodeIntoCache(Path root, List<ImageFile> files, Options options,
                                                ImageCache cache, Path cacheFile, ProgressListener progress) {
        ImageDecoder decoder = new ImageDecoder(options.imageSize());
        try (CacheWriter writer = cache.create(cacheFile, options.imageSize())) {
            List<CacheBuilder.Skip> skips = CacheBuilder.build(files, decoder, writer, options.threads(), progress);
            if (writer.count() == 0) {
                throw new DatasetException("none of the " + files.size() + " image files in " + root
                        + " could be read (" + CacheBuilder.countByKind(skips) + "; first: " + skips.get(0) + ")");
            }
            if (!skips.isEmpty()) {
                cache.writeSkippedList(cacheFile, skips);
            }
            writer.commit(skips.size(), CacheBuilder.countByKind(skips));
        } catch (IOException e) {
            throw new DatasetException("cannot write the image cache " + cacheFile + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("interrupted while decoding " + root, e);
        }
        cache.removeOthers(cacheFile);
        return cache.open(cacheFile, options.imageSize()).orElseThrow(() ->
                new DatasetException("the image cache " + cacheFile + " vanished or was damaged right after writing"));
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

    public boolean flipped() {
        return flip;
    }

    public LoadReport report() {
        return report;
    }

    @Override
    public String name() {
        return "folder " + folder.getFileName() + " (" + images.count() + (images.count() == 1 ? " image" : " images")
                + (flip ? " + mirrors" : "") + ")";
    }

    @Override
    public int size() {
        return flip ? 2 * images.count() : images.count();
    }

    @Override
    public int imageSize() {
        return images.header().side();
    }

    @Override
    public void fill(int[] indices, float[] dest) {
        int side = imageSize();
        int imageLength = CacheHeader.CHANNELS * side * side;
        byte[] pixels = new byte[imageLength];
        int count = images.count();
        for (int k = 0; k < indices.length; k++) {
            int index = Objects.checkIndex(indices[k], size());
            boolean mirror = index >= count;
            images.read(mirror ? index - count : index, pixels);
            int base = k * imageLength;
            for (int row = 0; row < CacheHeader.CHANNELS * side; row++) {
                int start = row * side;
                for (int x = 0; x < side; x++) {
                    int source = mirror ? start + side - 1 - x : start + x;
                    dest[base + start + x] = LEVELS[pixels[source] & 0xFF];
                }
            }
        }
    }
}
