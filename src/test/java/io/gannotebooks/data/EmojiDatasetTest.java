package io.gannotebooks.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EmojiDatasetTest {
    private static final int SIDE = 64;
    private static final int PLANE = SIDE * SIDE;

    @TempDir
    Path dir;

    private ImageFolderDataset.Options options() {
        return ImageFolderDataset.Options.defaults().withCacheDirectory(dir.resolve("cache"));
    }

    /** Level 0..255 of channel c at (x, y) of image k of a dataset. */
    private static int level(ImageDataset data, int k, int c, int x, int y) {
        float[] pixels = new float[3 * PLANE];
        data.fill(new int[]{k}, pixels);
        return ImageConversion.toByte(pixels[c * PLANE + y * SIDE + x]);
    }

    @Test
    void aWideBitmapIsCentredOnWhiteWithItsTransparencyFlattened() throws Exception {
        // 32 x 16, opaque red with a fully transparent left quarter
        BufferedImage wide = new BufferedImage(32, 16, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                wide.setRGB(x, y, x < 8 ? 0x00000000 : 0xFFFF0000);
            }
        }
        byte[] planes = EmojiDataset.decode(TinyColorFont.png(wide), SIDE);
        // in the 32 x 32 square the bitmap covers rows 8..23, i.e. rows 16..47 of 64
        int red = 0;
        int green = PLANE;
        assertEquals(255, planes[red + 4 * SIDE + 40] & 0xFF, "white band above");
        assertEquals(255, planes[green + 4 * SIDE + 40] & 0xFF, "white band above");
        assertEquals(255, planes[red + 32 * SIDE + 40] & 0xFF, "red in the middle");
        assertEquals(0, planes[green + 32 * SIDE + 40] & 0xFF, "red in the middle");
        assertEquals(255, planes[green + 32 * SIDE + 4] & 0xFF, "transparent left quarter is white");
        assertEquals(255, planes[green + 60 * SIDE + 40] & 0xFF, "white band below");

        assertThrows(UnreadableImageException.class, () -> EmojiDataset.decode(new byte[]{1, 2, 3}, SIDE));
    }

    @Test
    void opensAFontFileDecodesItsBitmapsOnceAndThenReadsTheCache() throws Exception {
        TinyColorFont tiny = new TinyColorFont(TestImages.filled(12, 10, Color.RED), TestImages.filled(8, 8, Color.BLUE),
                TestImages.filled(5, 5, Color.GREEN));
        Path font = Files.write(Files.createDirectories(dir.resolve("fonts")).resolve("TinyEmoji.ttf"), tiny.bytes());

        EmojiDataset first = EmojiDataset.open(font, options(), ProgressListener.silent());
        assertEquals(4, first.size());
        assertFalse(first.report().fromCache());
        assertEquals(255, level(first, 0, 0, 32, 32));                     // glyph 1: red
        assertEquals(0, level(first, 0, 2, 32, 32));
        assertEquals(255, level(first, 1, 2, 32, 32));                     // glyph 3: blue
        assertEquals(255, level(first, 0, 1, 32, 2), "the 12 x 10 red bitmap has white above it");

        EmojiDataset again = EmojiDataset.open(font, options().withFlip(true), ProgressListener.silent());
        assertTrue(again.report().fromCache());
        assertEquals(8, again.size());
        assertTrue(again.name().startsWith("emoji (4 images + mirrors from "), again.name());
    }

    @Test
    void findsTheFontInFontFoldersAndOtherwiseSaysWhichPackageToInstall() throws Exception {
        Path system = Files.createDirectories(dir.resolve("share/fonts/truetype/noto"));
        Path user = Files.createDirectories(dir.resolve("home/.fonts"));
        assertEquals(Optional.empty(), EmojiDataset.findFont(List.of(system, user, dir.resolve("absent"))));

        Path font = Files.write(user.resolve(EmojiDataset.FONT_FILE), new byte[]{0});
        assertEquals(Optional.of(font), EmojiDataset.findFont(List.of(dir.resolve("absent"), system, user)));

        DatasetException missing = assertThrows(DatasetException.class,
                () -> Datasets.open("emoji:" + dir.resolve("nowhere.ttf"), false, null));
        assertTrue(missing.getMessage().contains("apt-get install fonts-noto-color-emoji"), missing.getMessage());
        DatasetException notAFont = assertThrows(DatasetException.class,
                () -> EmojiDataset.open(font, options(), ProgressListener.silent()));
        assertTrue(notAFont.getMessage().startsWith("cannot use the font " + font.toRealPath()), notAFont.getMessage());
        assertEquals("emoji:" + dir.resolve("x.ttf").toAbsolutePath(), Datasets.canonicalSpec("emoji:" + dir.resolve("x.ttf")));
        assertEquals("emoji", Datasets.canonicalSpec("emoji"));
    }

    /** The real thing, where the package is installed (CI installs it). */
    @Test
    void readsTheSystemNotoColorEmojiFont() throws Exception {
        Optional<Path> installed = EmojiDataset.findFont(EmojiDataset.fontFolders());
        assumeTrue(installed.isPresent(), "fonts-noto-color-emoji is not installed");

        List<ColorBitmapFont.Bitmap> bitmaps = ColorBitmapFont.read(installed.get());
        assertTrue(bitmaps.size() > 3000, bitmaps.size() + " bitmaps");
        for (int k = 0; k < bitmaps.size(); k += 500) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bitmaps.get(k).png()));
            assertTrue(image.getWidth() >= 100 && image.getHeight() >= 100,
                    bitmaps.get(k).name() + " is " + image.getWidth() + "x" + image.getHeight());
        }

        EmojiDataset emoji = EmojiDataset.open(installed.get(), options(), ProgressListener.silent());
        assertEquals(bitmaps.size(), emoji.size(), "every bitmap decodes");
        // real emoji: mostly white around, colourful in the middle, and not all alike
        long colourful = 0;
        long[] centreSum = new long[3];
        for (int k = 0; k < emoji.size(); k += 37) {
            int r = level(emoji, k, 0, 32, 32);
            int g = level(emoji, k, 1, 32, 32);
            int b = level(emoji, k, 2, 32, 32);
            centreSum[0] += r;
            centreSum[1] += g;
            centreSum[2] += b;
            colourful += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60 ? 1 : 0;
            assertEquals(255, level(emoji, k, 1, 0, 0), "corner of " + k + " is background");
        }
        int sampled = (emoji.size() + 36) / 37;
        assertTrue(colourful > sampled / 3, colourful + " of " + sampled + " have a saturated centre");
    }
}
