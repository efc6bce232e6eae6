package io.gannotebooks.cli;

import io.gannotebooks.model.Generator;
import io.gannotebooks.model.LatentNoise;
import io.gannotebooks.plot.ImageGrid;
import io.gannotebooks.plot.RunPictures;
import io.gannotebooks.util.Files2;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code ./gan sample}: a grid of new images from a checkpoint's generator. */
final class SampleCommand {
    private final PrintStream out;

    SampleCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> argv) {
        Args a = Args.parse(argv, Set.of("--checkpoint", "--n", "--seed", "--out", "--truncation"), Set.of());
        Path dir = a.path("--checkpoint", null);
        Path file = a.path("--out", null);
        if (dir == null || file == null) {
            throw new UsageException("sample needs --checkpoint DIR and --out FILE.png");
        }
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new UsageException("--out must name a .png file, got " + file);
        }
        if (Files.isDirectory(file)) {
            throw new UsageException("--out " + file + " is a folder; give a file name ending in .png");
        }
        int n = a.intValue("--n", 64, 1, 1024);
        long seed = a.longValue("--seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        double truncation = truncation(a);
        Files2.requireWritableFolder(file.toAbsolutePath().getParent()); // before loading the generator

        Generator g = GeneratorSource.open(dir).generator();
        var z = LatentNoise.sample(seed, io.gannotebooks.util.Streams.SAMPLING_NOISE, 0, n, g.spec().latentSize(),
                g.dataType(), truncation);
        RunPictures.writePng(ImageGrid.of(g.generate(z)), file);
        out.println("wrote " + n + " samples to " + file);
        return 0;
    }

    /** --truncation PSI: noise drawn within |z| ≤ ψ (how samples are drawn is a lever of its own); none by default. */
    static double truncation(Args a) {
        return a.has("--truncation") ? a.doubleValue("--truncation", 2, 0.1, 100) : LatentNoise.UNTRUNCATED;
    }
}
