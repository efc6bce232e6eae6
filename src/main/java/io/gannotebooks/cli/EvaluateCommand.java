package io.gannotebooks.cli;

import io.gannotebooks.data.Datasets;
import io.gannotebooks.data.ImageDataset;
import io.gannotebooks.metrics.Evaluation;
import io.gannotebooks.metrics.Evaluator;
import io.gannotebooks.metrics.Measure;
import io.gannotebooks.model.Generator;
import io.gannotebooks.util.CacheDirectory;
import io.gannotebooks.util.Files2;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./gan evaluate}: how good a checkpoint's generator is, measured against its dataset. Prints a
 * table and writes evaluation.csv and evaluation.json next to the checkpoint folder.
 */
final class EvaluateCommand {
    private final PrintStream out;
    private final PrintStream err;

    EvaluateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> argv) {
        Args a = Args.parse(argv, Set.of("--checkpoint", "--data", "--sha256", "--n", "--seed", "--truncation"),
                Set.of());
        Path dir = a.path("--checkpoint", null);
        if (dir == null) {
            throw new UsageException("evaluate needs --checkpoint DIR (a run folder or its checkpoint/, an exported"
                    + " generator, or reference)");
        }
        int n = a.intValue("--n", Evaluator.DEFAULT_COUNT, 10, 100_000);
        long seed = a.longValue("--seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        double truncation = SampleCommand.truncation(a);

        GeneratorSource source = GeneratorSource.open(dir);
        Path reportDir = source.reportDir();
        Files2.requireWritableFolder(reportDir); // now, not after minutes of measuring
        // the images themselves, without a run's mirror images: runs with and without --flip meet the same images
        String dataSpec = a.string("--data", Datasets.withFlip(source.dataset(), false));
        Generator generator = source.generator();
        ImageDataset data = Datasets.open(dataSpec, false, a.string("--sha256", null), err);
        data.requireImages(generator.spec().imageSize(), generator.spec().imageChannels(), "the generator");

        long start = System.nanoTime();
        Evaluator evaluator = Evaluator.forDataset(data, n, CacheDirectory.standard(), err);
        err.printf(Locale.ROOT, "measuring %d generated images against %d real images of %s, in %s%n", n,
                evaluator.referenceSets().size(), data.name(), evaluator.featureSpace());
        Evaluation result = evaluator.evaluate(generator, n, seed, truncation)
                .withSubject(source.description()
                        + (a.has("--truncation") ? ", noise truncated to |z| ≤ " + Measure.format(truncation) : ""));
        out.println(result.table().printAll());
        result.writeTo(reportDir);
        out.printf(Locale.ROOT, "%d targets of %d met; real vs real is what a perfect generator scores here%n",
                result.measures().stream().filter(m -> m.met().orElse(false)).count(),
                result.measures().stream().filter(m -> m.target().isPresent()).count());
        out.println("wrote " + reportDir.resolve("evaluation.csv") + " and evaluation.json");
        err.printf(Locale.ROOT, "evaluated in %.0f s%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
