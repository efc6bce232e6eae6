package io.gannotebooks.cli;

import io.gannotebooks.model.Generator;
import io.gannotebooks.train.Checkpoint;
import io.gannotebooks.train.ExportedGenerator;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code --checkpoint} names for {@code sample} and {@code evaluate}: the word {@code reference},
 * {@code reference-upright-squares} or {@code reference-rotated-squares} (the generators the library ships; a
 * folder of that name is {@code ./reference}), an exported generator's folder, or a run's checkpoint.
 *
 * @param dataset     what it was trained on, as --data names it
 * @param description who draws, for the evaluation's subject line
 * @param reportDir   where an evaluation of it is written
 */
record GeneratorSource(Generator generator, String dataset, String description, Path reportDir) {

    static GeneratorSource open(Path path) {
        String word = path.toString();
        if (ExportedGenerator.isShipped(word)) {
            ExportedGenerator r = ExportedGenerator.shipped(word);
            return new GeneratorSource(r.generator(), r.dataset(), "the " + word + " generator, " + r.summary(),
                    Path.of("runs", word));
        }
        if (Files.isRegularFile(path.resolve("provenance.properties"))) {
            ExportedGenerator e = ExportedGenerator.open(path);
            return new GeneratorSource(e.generator(), e.dataset(), "the generator exported to " + path + ", "
                    + e.summary(), path);
        }
        Checkpoint c = Checkpoint.open(path);
        return new GeneratorSource(c.generator(), c.dataset(), "checkpoint " + c.dir() + " at iteration "
                + c.iteration() + c.drawnBy(), c.dir().toAbsolutePath().getParent());
    }
}
