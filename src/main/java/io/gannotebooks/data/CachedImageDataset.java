package io.gannotebooks.data;

import java.nio.file.Path;

/**
 * Images decoded once into the image cache ({@link CachedImages}), optionally with their mirror images:
 * what an image folder and the emoji font are once decoded. With {@code flip}, index {@code i >= n} is
 * image {@code i - n} flipped left to right, so the dataset has 2n images; the spec says so ("+flip"), so
 * a run is never resumed on other images than it started with.
 */
public abstract sealed class CachedImageDataset implements ImageDataset permits EmojiDataset, ImageFolderDataset {
    /** What {@link #name()} says of the mirror images ("folder faces (12 images + mirrors)"). */
    public static final String MIRRORS = " + mirrors";
    private final CachedImages images;
    private final boolean flip;
    private final LoadReport report;

    CachedImageDataset(CachedImages images, boolean flip, LoadReport report) {
        this.images = images;
        this.flip = flip;
        this.report = report;
    }

    /**
     * What was found, decoded and skipped when the cache was made, after noting its skip line (if any) on
     * {@code progress}.
     *
     * @param found files (or font bitmaps) found, decodable or not
     */
    static LoadReport report(int found, CachedImages images, boolean fromCache, Path cacheFile,
                             ProgressListener progress) {
        CacheHeader header = images.header();
        LoadReport report = new LoadReport(found, header.count(), header.skipped(), header.skipReasons(),
                fromCache, cacheFile, ImageCache.skippedList(cacheFile, header));
        report.skipLine().ifPresent(progress::note);
        return report;
    }

    /** How {@link Datasets#open} names these images, mirrors aside: a folder's path, "emoji" or "emoji:FONT". */
    abstract String imagesSpec();

    /** {@link #imagesSpec()}, followed by {@value Datasets#FLIP} when mirror images are added. */
    @Override
    public final String spec() {
        return Datasets.withFlip(imagesSpec(), flip);
    }

    /** Whether the mirror images are added. */
    public boolean flipped() {
        return flip;
    }

    public LoadReport report() {
        return report;
    }

    /** "12 images" or "12 images + mirrors", for {@link #name()}: the pictures decoded, mirrors aside. */
    String imageCount() {
        int n = images.count();
        return n + (n == 1 ? " image" : " images") + (flip ? MIRRORS : "");
    }

    @Override
    public int size() {
        return images.size(flip);
    }

    @Override
    public int imageSize() {
        return images.header().side();
    }

    @Override
    public void fill(int[] indices, float[] dest) {
        images.fill(indices, dest, flip);
    }
}
