package io.gannotebooks.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The colour emoji of the system's Noto Color Emoji font as 64x64 RGB pictures: a real, varied dataset that
 * is already on most Linux machines (Debian/Ubuntu package {@value #PACKAGE}, 3 926 bitmaps of 136x128).
 *
 * <p>The bitmaps are read from the font's CBLC/CBDT tables ({@link ColorBitmapFont}), their transparency is
 * flattened on white, each is centred in a square of white (not cropped: an emoji fills its bitmap, a crop
 * would cut its edges) and resized. Like an image folder, the font is decoded once into the image cache.
 *
 * <pre>{@code
 * ImageDataset emoji = EmojiDataset.open(EmojiDataset.findFont(), ImageFolderDataset.Options.defaults(),
 *         ProgressListener.silent());
 * }</pre>
 */
public final class EmojiDataset extends CachedImageDataset {
    /** The Debian/Ubuntu package that installs the font. */
    public static final String PACKAGE = "fonts-noto-color-emoji";
    static final String FONT_FILE = "NotoColorEmoji.ttf";

    private final Path font;

    private EmojiDataset(Path font, CachedImages images, boolean flip, LoadReport report) {
        super(images, flip, report);
        this.font = font;
    }

    /** Where fontconfig looks on Linux: the system, local and per-user font folders. */
    static List<Path> fontFolders() {
        String home = System.getProperty("user.home");
        return List.of(Path.of("/usr/share/fonts"), Path.of("/usr/local/share/fonts"),
                Path.of(home, ".local", "share", "fonts"), Path.of(home, ".fonts"));
    }

    /**
     * NotoColorEmoji.ttf in the usual font folders.
     *
     * @throws DatasetException saying which package to install when it is in none of them
     */
    public static Path findFont() {
        return findFont(fontFolders()).orElseThrow(() -> new DatasetException("no colour emoji font (" + FONT_FILE
                + ") in the font folders: install it with 'apt-get install " + PACKAGE + "', or give its path as "
                + "emoji:PATH"));
    }

    /** The first NotoColorEmoji.ttf below any of {@code folders} (searched in order, a few levels deep). */
    static Optional<Path> findFont(List<Path> folders) {
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.find(folder, 6, (path, attributes) -> attributes.isRegularFile()
                    && path.getFileName().toString().equals(FONT_FILE), FileVisitOption.FOLLOW_LINKS)) {
                Optional<Path> found = files.sorted().findFirst();
                if (found.isPresent()) {
                    return found;
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // an unreadable font folder is not an error: look in the next one
            }
        }
        return Optional.empty();
    }

    /**
     * Opens the emoji of {@code font}, decoding them into the cache unless an up-to-date cache exists.
     *
     * @throws DatasetException if the font is missing, is not a colour bitmap font, or the cache cannot be
     *                          written
     */
    public static EmojiDataset open(Path font, ImageFolderDataset.Options options, ProgressListener progress) {
        if (!Files.isRegularFile(font)) {
            throw new DatasetException("no such font file: " + font.toAbsolutePath()
                    + " (the emoji font comes with 'apt-get install " + PACKAGE + "')");
        }
        Path real = realPath(font);
        ImageCache cache = new ImageCache(options.cacheDirectory());
        Path cacheFile = cache.fileFor(real, List.of(fontAsFile(real)), options.imageSize());
        Optional<CachedImages> cached = cache.open(cacheFile, options.imageSize());
        CachedImages images;
        int found;
        if (cached.isPresent()) {
            images = cached.get();
            found = images.count() + images.header().skipped();
            progress.note("using cached images " + cacheFile);
        } else {
            List<ColorBitmapFont.Bitmap> bitmaps = ColorBitmapFont.read(real);
            found = bitmaps.size();
            progress.note("decoding " + found + " emoji bitmaps from " + real + " into " + cacheFile);
            int side = options.imageSize();
            images = cache.build(cacheFile, side, "bitmaps in " + real, bitmaps, ColorBitmapFont.Bitmap::name,
                    bitmap -> decode(bitmap.png(), side), options.threads(), progress);
        }
        return new EmojiDataset(real, images, options.flip(),
                report(found, images, cached.isPresent(), cacheFile, progress));
    }

    /**
     * One PNG bitmap as 3 planes of side x side bytes: alpha flattened on white, centred in a white square
     * as wide as its longer edge, resized.
     */
    static byte[] decode(byte[] png, int side) throws UnreadableImageException {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException | RuntimeException e) {
            throw UnreadableImageException.of(e);
        }
        if (image == null) {
            throw UnreadableImageException.notAnImage();
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int square = Math.max(width, height);
        float[] planes = SrgbPlanes.of(image);
        float[] centred = new float[3 * square * square];
        Arrays.fill(centred, SrgbPlanes.BACKGROUND);
        int left = (square - width) / 2;
        int top = (square - height) / 2;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(planes, (c * height + y) * width, centred, (c * square + top + y) * square + left,
                        width);
            }
        }
        return ImageDecoder.resizeToBytes(centred, square, side);
    }

    /** The font as the cache key sees it: one file whose size and date change when the package is upgraded. */
    private static ImageFile fontAsFile(Path font) {
        try {
            return new ImageFile(font, font.getFileName().toString(), Files.size(font),
                    Files.getLastModifiedTime(font).toMillis());
        } catch (IOException e) {
            throw new DatasetException("cannot read the font " + font + ": " + e.getMessage(), e);
        }
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    /** The font file, as an absolute path with links resolved. */
    public Path font() {
        return font;
    }

    /** "emoji" for the font the font folders give, "emoji:PATH" for one given by path (what a checkpoint keeps). */
    @Override
    String imagesSpec() {
        boolean standard = findFont(fontFolders()).map(f -> f.toAbsolutePath().normalize())
                .filter(f -> f.equals(font.toAbsolutePath().normalize())).isPresent();
        return standard ? Datasets.EMOJI : Datasets.canonicalSpec(Datasets.EMOJI + ":" + font);
    }

    @Override
    public String name() {
        return "emoji (" + imageCount() + " from " + font.getFileName() + ")";
    }
}
