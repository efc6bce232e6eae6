package io.gannotebooks.data;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Datasets by name, as the command line and checkpoints spell them: "shapes" (or a selection of them,
 * "shapes:square,upright"), "emoji" (or "emoji:FONT"),
 * the URL of an image archive, or a folder path; any but "shapes" followed by {@value #FLIP} for the
 * images with their mirror images added ("emoji+flip", "/data/faces+flip").
 */
public final class Datasets {
    public static final String SHAPES = "shapes";
    /** The start of a spec that selects among the shapes: "shapes:square,upright" ({@link ShapesDataset#selection}). */
    public static final String SHAPES_SELECTION = SHAPES + ":";
    public static final String EMOJI = "emoji";
    /**
     * The end of a spec whose images come with their mirror images ({@code --flip}). Part of the spec, so a
     * checkpoint records it and a resume with or without mirrors is a changed dataset, not a silent one.
     * Checkpoints from before it record the mirrors in the dataset's name only ({@code Checkpoint.dataset()}).
     */
    public static final String FLIP = "+flip";
    private static final String EMOJI_FONT_PREFIX = EMOJI + ":";

    private Datasets() {
    }

    /**
     * "shapes" is the built-in dataset, "shapes:WORDS" a selection of it ({@link ShapesDataset#selection});
     * "emoji" the colour emoji of the system's Noto Color Emoji font
     * ("emoji:PATH" for a font elsewhere); an http(s) URL of a .tgz, .tar.gz, .tar or .zip archive is
     * downloaded and extracted once; anything else is an image folder. Fonts, archives and folders are decoded
     * into the cache on first use, with progress lines on {@code progress} (null: silent). With {@code flip},
     * or a spec ending in {@value #FLIP}, each image's mirror image is added.
     */
    public static ImageDataset open(String spec, boolean flip, PrintStream progress) {
        return open(spec, flip, null, progress);
    }

    /**
     * As {@link #open(String, boolean, PrintStream)}, checking a downloaded archive against {@code sha256}
     * (64 hexadecimal digits, as the archive's publisher gives it; null: not checked).
     */
    public static ImageDataset open(String spec, boolean flip, String sha256, PrintStream progress) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no dataset given: use 'shapes', 'emoji', the URL of an image archive or the"
                    + " path of an image folder");
        }
        if (spec.endsWith(FLIP)) {
            return open(withFlip(spec, false), true, sha256, progress);
        }
        if (sha256 != null && !ImageArchive.isUrl(spec)) {
            throw new IllegalArgumentException("--sha256 checks a downloaded archive; it needs --data URL");
        }
        if (SHAPES.equals(spec) || spec.startsWith(SHAPES_SELECTION)) {
            if (flip) {
                throw new IllegalArgumentException("--flip (" + FLIP + ") applies to image folders and emoji; "
                        + "the shapes dataset has its own variation");
            }
            return shapes(spec);
        }
        var options = ImageFolderDataset.Options.defaults().withFlip(flip);
        ProgressListener listener = progress == null ? ProgressListener.silent()
                : new ConsoleProgress(progress, System.console() != null);
        if (EMOJI.equals(spec)) {
            return EmojiDataset.open(EmojiDataset.findFont(), options, listener);
        }
        if (spec.startsWith(EMOJI_FONT_PREFIX)) {
            return EmojiDataset.open(Path.of(spec.substring(EMOJI_FONT_PREFIX.length())), options, listener);
        }
        Path folder = ImageArchive.isUrl(spec)
                ? ImageArchive.folder(spec, sha256, options.cacheDirectory(), listener)
                : Path.of(spec);
        return ImageFolderDataset.open(folder, options, listener);
    }

    /**
     * The form checkpoints keep: "shapes", "emoji", a URL as given, or an absolute path; then any
     * {@value #FLIP}.
     */
    public static String canonicalSpec(String spec) {
        if (spec.endsWith(FLIP)) {
            return withFlip(canonicalSpec(withFlip(spec, false)), true);
        }
        if (SHAPES.equals(spec) || EMOJI.equals(spec) || ImageArchive.isUrl(spec)) {
            return spec;
        }
        if (spec.startsWith(SHAPES_SELECTION)) {
            return shapes(spec).spec();
        }
        if (spec.startsWith(EMOJI_FONT_PREFIX)) {
            return EMOJI_FONT_PREFIX + canonicalSpec(spec.substring(EMOJI_FONT_PREFIX.length()));
        }
        return Path.of(spec).toAbsolutePath().normalize().toString();
    }

    /** The shapes that "shapes" or "shapes:WORDS" names. */
    private static ShapesDataset shapes(String spec) {
        return SHAPES.equals(spec) ? ShapesDataset.standard()
                : ShapesDataset.selection(spec.substring(SHAPES_SELECTION.length()));
    }

    /** Whether {@code a} and {@code b} name the same images, mirrors included. */
    public static boolean sameSpec(String a, String b) {
        return canonicalSpec(a).equals(canonicalSpec(b));
    }

    /** {@code spec} with its images' mirror images added ({@code flip}) or not: "emoji" and "emoji+flip". */
    public static String withFlip(String spec, boolean flip) {
        String images = spec.endsWith(FLIP) ? spec.substring(0, spec.length() - FLIP.length()) : spec;
        return flip ? images + FLIP : images;
    }

    /**
     * Progress as a line rewritten in place on a terminal; elsewhere (a log, a notebook, CI) as plain lines
     * every tenth of the way, since a "\r" there piles up as one endless line. Notes are lines.
     */
    static final class ConsoleProgress implements ProgressListener {
        private static final long UNKNOWN_SIZE_STEP = 10_000_000;
        private final PrintStream out;
        private final boolean terminal;
        private int lastPercent = -1;
        private long lastStep = -1;

        ConsoleProgress(PrintStream out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public void decoded(int done, int total) {
            show(done, total, "decoding images: " + done + "/" + total);
        }

        @Override
        public void downloaded(long bytes, long total) {
            if (total < 0) { // size unknown: a line every 10 MB
                long step = bytes / UNKNOWN_SIZE_STEP;
                if (step != lastStep) {
                    lastStep = step;
                    out.println("downloaded " + ArchiveDownload.megabytes(bytes));
                }
                return;
            }
            show(bytes, total, "downloaded " + ArchiveDownload.megabytes(bytes) + " of "
                    + ArchiveDownload.megabytes(total));
        }

        private void show(long done, long total, String text) {
            int percent = (int) (100L * done / Math.max(1, total));
            int shown = terminal ? percent : percent / 10 * 10;
            if (shown == lastPercent && done != total) {
                return;
            }
            lastPercent = shown;
            String line = text + " (" + percent + "%)";
            if (terminal) {
                out.print("\r" + line);
                if (done == total) {
                    out.println();
                }
            } else {
                out.println(line);
            }
            out.flush();
            if (done == total) {
                lastPercent = -1; // the next download or decode starts its own line
            }
        }

        @Override
        public void note(String line) {
            out.println(line);
        }
    }
}
