package io.gannotebooks.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** The fixed-noise grids a run wrote to samples/iter_NNNNNN.png, in training order. */
public final class SampleHistory {
    private static final Pattern NAME = Pattern.compile("iter_(\\d+)\\.png");

    /** One grid and the iteration after which it was drawn. */
    public record Sample(long iteration, Path file) {
        public BufferedImage image() {
            try {
                BufferedImage image = ImageIO.read(file.toFile());
                if (image == null) {
                    throw new IOException("not a readable PNG");
                }
                return image;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private final List<Sample> samples;

    private SampleHistory(List<Sample> samples) {
        this.samples = samples;
    }

    /** The grids of the run folder {@code runDir} (its samples/ subfolder). */
    public static SampleHistory of(Path runDir) {
        Path dir = runDir.resolve("samples");
        if (!Files.isDirectory(dir)) {
            throw new UncheckedIOException(new IOException("no samples folder in " + runDir
                    + " (train first: ./gan train --out " + runDir + ", or notebook 03)"));
        }
        List<Sample> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    found.add(new Sample(Long.parseLong(m.group(1)), p));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        found.sort(java.util.Comparator.comparingLong(Sample::iteration));
        return new SampleHistory(List.copyOf(found));
    }

    public List<Sample> samples() {
        return samples;
    }

    /** At most {@code count} samples, evenly spaced, always including the first and the last. */
    public List<Sample> evenlySpaced(int count) {
        if (samples.size() <= count) {
            return samples;
        }
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(samples.get((int) Math.round(i * (samples.size() - 1) / (double) (count - 1))));
        }
        return out;
    }

    /** Up to {@code count} grids side by side, each {@code side} pixels wide, labelled with its iteration. */
    public BufferedImage strip(int count, int side) {
        List<Sample> chosen = evenlySpaced(count);
        if (chosen.isEmpty()) {
            throw new IllegalStateException("the run has no sample grids yet");
        }
        int label = 22;
        BufferedImage out = new BufferedImage(chosen.size() * (side + 6), side + label, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        for (int i = 0; i < chosen.size(); i++) {
            int x = i * (side + 6);
            g.drawImage(chosen.get(i).image(), x, label, side, side, null);
            g.setColor(Color.DARK_GRAY);
            g.drawString("iteration " + chosen.get(i).iteration(), x + 4, 16);
        }
        g.dispose();
        return out;
    }
}
