package io.gannotebooks.train;

import io.gannotebooks.data.Datasets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which data each stretch of a run trains on: the first stage's images until its iteration, then the next
 * stage's, and after the last stage the run's own dataset ({@link #then()}). Nothing else changes at a stage's
 * end: G, D, their Adam moments, the running average and the random streams go on as if the run had stopped
 * there and been resumed on the next images. The question it serves: the squares drawn upright come out crisp
 * within 96 000 images and the rotated ones do not; a generator taught the upright ones first keeps its
 * outlines when the rotations come (docs/convergence.md, "A curriculum").
 *
 * <p>Written {@code SPEC@ITERATION;SPEC@ITERATION;…;SPEC}, e.g. {@code shapes:square,upright@6000;shapes:square}:
 * what {@code ./gan train --curriculum shapes:square,upright@6000 --data shapes:square} trains, and the form the
 * checkpoint keeps ({@link Schedule}). A stage may end at or past the run's last iteration: the run then ends in
 * it, and {@code --resume --iterations N} carries it on through the later stages.
 *
 * @param stages the stages before the run's dataset, in order, each ending later than the one before
 * @param then   the dataset after the last stage: the run's {@code --data}; null when there are no stages
 */
public record Curriculum(List<Stage> stages, String then) {
    /** A run that trains on one dataset throughout. */
    public static final Curriculum NONE = new Curriculum(List.of(), null);

    /**
     * One stage: {@code dataset}'s images for the iterations up to {@code until} (the 0-based iterations from the
     * previous stage's end to {@code until} − 1).
     */
    public record Stage(String dataset, long until) {
        public Stage {
            if (dataset == null || dataset.isBlank()) {
                throw new IllegalArgumentException("a curriculum stage needs a dataset");
            }
            if (until < 1 || until > Schedule.MAX_ITERATIONS) {
                throw new IllegalArgumentException("a curriculum stage ends at an iteration between 1 and "
                        + Schedule.MAX_ITERATIONS + ", got " + until);
            }
        }

        @Override
        public String toString() {
            return dataset + "@" + until;
        }
    }

    public Curriculum {
        stages = List.copyOf(stages);
        if (stages.isEmpty() != (then == null)) {
            throw new IllegalArgumentException("a curriculum has stages and a dataset after them, or neither");
        }
        for (int i = 1; i < stages.size(); i++) {
            if (stages.get(i).until() <= stages.get(i - 1).until()) {
                throw new IllegalArgumentException("each curriculum stage must end after the one before: "
                        + stages.get(i - 1) + " then " + stages.get(i));
            }
        }
    }

    /**
     * The stages of {@code --curriculum} ({@code SPEC@ITERATION;…}) before the run's dataset {@code then}, every
     * spec in its canonical form (a selection's words in order, a folder's absolute path).
     */
    public static Curriculum parse(String stages, String then) {
        List<Stage> list = new ArrayList<>();
        for (String part : stages.split(";", -1)) {
            int at = part.lastIndexOf('@');
            if (at <= 0 || at == part.length() - 1) {
                throw new IllegalArgumentException("each stage is DATA@ITERATION (e.g. shapes:square,upright@6000), got '"
                        + part.trim() + "'");
            }
            long until;
            try {
                until = Long.parseLong(part.substring(at + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a stage ends at a whole iteration number, got '"
                        + part.substring(at + 1).trim() + "' in '" + part.trim() + "'");
            }
            list.add(new Stage(Datasets.canonicalSpec(part.substring(0, at).trim()), until));
        }
        return new Curriculum(list, Datasets.canonicalSpec(then));
    }

    /** {@link #toString()}'s form back, as a checkpoint keeps it; blank: {@link #NONE}. */
    public static Curriculum fromString(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        int last = text.lastIndexOf(';');
        if (last < 0) {
            throw new IllegalArgumentException("a curriculum is STAGE;…;DATA, got '" + text + "'");
        }
        return parse(text.substring(0, last), text.substring(last + 1));
    }

    public boolean active() {
        return !stages.isEmpty();
    }

    /** The dataset that the 0-based iteration {@code t} trains on; {@code fallback} when there are no stages. */
    public String datasetAt(long t, String fallback) {
        if (!active()) {
            return fallback;
        }
        return stages.stream().filter(s -> t < s.until()).findFirst().map(Stage::dataset).orElse(then);
    }

    /** The iteration at which the data next change after the 0-based iteration {@code t}; MAX_VALUE: never. */
    public long nextChange(long t) {
        return stages.stream().mapToLong(Stage::until).filter(u -> u > t).findFirst().orElse(Long.MAX_VALUE);
    }

    /** The datasets that iteration {@code t} and the later ones train on, each once, in order; none without stages. */
    public List<String> datasetsFrom(long t) {
        List<String> out = new ArrayList<>();
        stages.stream().filter(s -> t < s.until()).map(Stage::dataset).forEach(out::add);
        if (active()) {
            out.add(then);
        }
        return out.stream().distinct().toList();
    }

    /** Whether a run saved after {@code iteration} iterations on {@code saved} goes on with {@code next}. */
    public boolean continues(long iteration, String saved, String next) {
        return active() && iteration > 0 && Datasets.sameSpec(saved, datasetAt(iteration - 1, then))
                && Datasets.sameSpec(next, datasetAt(iteration, then));
    }

    /** "shapes:square,upright to iteration 6000, then shapes:square"; "" for {@link #NONE}. */
    public String describe() {
        return active() ? stages.stream().map(s -> s.dataset() + " to iteration " + s.until())
                .collect(Collectors.joining(", then ")) + ", then " + then : "";
    }

    /** {@code SPEC@ITERATION;…;SPEC}, or "" for {@link #NONE}. */
    @Override
    public String toString() {
        return active() ? stages.stream().map(Stage::toString).collect(Collectors.joining(";")) + ";" + then : "";
    }
}
