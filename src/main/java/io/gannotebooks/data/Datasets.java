package io.gannotebooks.data;

import java.io.PrintStream;
import java.nio.file.Path;

/** Datasets by name, as the command line and checkpoints spell them: "shapes" or a folder path. */
public final class Datasets {
    public static final String SHAPES = "shapes";

    private Datasets() {
    }

    /**
     * "shapes" is the built-in dataset; anything else is an image folder, decoded into the cache on first
     * use with a progress line on {@code progress} (null: silent).
     */
    public static ImageDataset open(String spec, boolean flip, PrintStream progress) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no dataset given: use 'shapes' or the path of an image folder");
        }
        if (SHAPES.equals(spec)) {
            if (flip) {
                throw new IllegalArgumentException("--flip applies to image folders; the shapes dataset has its own variation");
            }
            return ShapesDataset.standard();
        }
        Path folder = Path.of(spec);
        var options = ImageFolderDataset.Options.defaults().withFlip(flip);
        return ImageFolderDataset.open(folder, options, progress == null ? ProgressListener.silent()
                : new ConsoleProgress(progress, System.console() != null));
    }

    /** The form stored in checkpoints: "shapes", or the folder's absolute path. */
    public static String canonicalSpec(String spec) {
        return SHAPES.equals(spec) ? spec : Path.of(spec).toAbsolutePath().normalize().toString();
    }

    public static boolean sameSpec(String a, String b) {
        return canonicalSpec(a).equals(canonicalSpec(b));
    }

    /**
     * Decoding progress as a line rewritten in place on a terminal (one line at the end elsewhere: "\r"
     * updates would fill a log file with hundreds of fragments), then the notes (cache, skipped files).
     */
    static final class ConsoleProgress implements ProgressListener {
        private final PrintStream out;
        private final boolean terminal;
        private int lastPercent = -1;

        ConsoleProgress(PrintStream out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public void decoded(int done, int total) {
            if (!terminal) {
                if (done == total) {
                    out.println("decoded images: " + done + "/" + total);
                }
                return;
            }
            int percent = (int) (100L * done / Math.max(1, total));
            if (percent != lastPercent || done == total) {
                lastPercent = percent;
                out.print("\rdecoding images: " + done + "/" + total + " (" + percent + "%)");
                if (done == total) {
                    out.println();
                }
                out.flush();
            }
        }

        @Override
        public void note(String line) {
            out.println(line);
        }
    }
}
