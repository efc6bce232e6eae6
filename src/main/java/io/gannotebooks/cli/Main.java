package io.gannotebooks.cli;

import io.gannotebooks.backend.Backend;
import io.gannotebooks.data.DatasetException;
import io.gannotebooks.train.CheckpointException;
import io.gannotebooks.train.TrainingDivergedException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code ./gan} command line. Every failure a user can cause ends as one line on stderr and a
 * non-zero status: 2 for a bad command line or setting, 1 for bad data, a bad checkpoint or a failed run.
 */
public final class Main {
    static final String USAGE = """
            usage: ./gan <command> [options]

              train   [--profile smoke|quick|full] [--data shapes[:WORDS]|emoji|FOLDER|URL] [--sha256 HEX]
                      [--iterations N | --epochs N] [--batch B]
                      [--seed S] [--out DIR] [--resume] [--sample-every K] [--checkpoint-every K]
                      [--lr RATE] [--flip] [--metrics-every K]
                      [--lr-g RATE] [--lr-d RATE] [--beta1 B] [--beta2 B] [--augment colour,translation,cutout,blur|none]
                      [--d-channels 64,128,256,512] [--d-norm batchnorm|none|spectral|spectral-conv]
                      [--d-downsample strided|pooled] [--d-adversarial EPS] [--ema D]
                      [--r1 GAMMA [--r1-every K]] [--top-k NU[,ITERATIONS]] [--precision fp32|mixed]
                      [--curriculum DATA@N[;DATA@N...]]
                      (shapes:WORDS: a selection, e.g. shapes:square,upright, the squares unrotated;
                      --curriculum: the first N iterations on DATA, then the next stage's, then --data;
                      emoji: the system's colour emoji font, emoji:FONT for another; URL: a .tgz, .tar
                      or .zip of images, downloaded once and checked against --sha256 when given;
                      --flip adds mirror images, the same as --data ...+flip, e.g. emoji+flip;
                      --profile trains what notebook 03 trains in that profile, into runs/PROFILE;
                      --precision: mixed, bfloat16 convolutions, is the default where the CPU has
                      AVX512_BF16, fp32 elsewhere)
              sample  --checkpoint DIR|reference|reference-upright-squares|reference-rotated-squares [--n 64] [--seed S] [--truncation PSI] --out FILE.png
              evaluate --checkpoint DIR|reference|reference-upright-squares|reference-rotated-squares [--data shapes[:WORDS]|emoji|FOLDER|URL] [--sha256 HEX] [--n 1000]
                      [--seed S] [--truncation PSI]
                      measures the generator against its data; writes evaluation.csv and .json
                      (reference, reference-upright-squares, reference-rotated-squares: the generators
                      the library ships, trained by its own code; DIR: a run,
                      its checkpoint/, or a folder written by export)
              export  --checkpoint DIR --out FOLDER [--command "./gan train ..."]
                      the run's generator for drawing alone (weights, provenance, its evaluation)
              curves  --run DIR [--window 500]
                      a run's measures over training (metrics.csv) and its game in windows of its
                      history, as Markdown tables
              bench   [--batch 64] [--iterations 10] [--warmup 3] [--precision fp32|mixed] [--json] [--layer-times]
                      (./gan bench --vs-pytorch [--batch 16,64] [--rounds 3] [--precision fp32|both]:
                       side by side with PyTorch, in mixed precision too where the CPU has AVX512_BF16)
                      (./gan bench --replay-pytorch [--steps 30]: the first steps replayed in PyTorch)
              backend print which nd4j path is active (oneDNN or not)
              version print the library version
              run     execute the four notebooks into build/notebooks/ (GAN_PROFILE=smoke|quick|full)
              kernel  install the "Java (GAN notebooks)" Jupyter kernel [--user|--sys-prefix|--prefix DIR]
              lab     start JupyterLab (or Jupyter Notebook) on notebooks/ with that kernel
              test    the test suite: unit tests, the notebooks (smoke), the notebook runner's tests
            """;

    private Main() {
    }

    public static void main(String[] argv) {
        System.setProperty("java.awt.headless", "true");
        Backend.configure();
        System.exit(run(Arrays.asList(argv), System.out, System.err));
    }

    /** Runs one command; returns the process exit status. */
    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        if (argv.isEmpty() || List.of("help", "--help", "-h").contains(argv.get(0))) {
            (argv.isEmpty() ? err : out).print(USAGE);
            return argv.isEmpty() ? 2 : 0;
        }
        List<String> rest = argv.subList(1, argv.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            String usage = usageOf(argv.get(0));
            if (usage != null) {
                out.print(usage);
                return 0;
            }
        }
        try {
            return switch (argv.get(0)) {
                case "train" -> new TrainCommand(out, err).run(rest);
                case "sample" -> new SampleCommand(out).run(rest);
                case "evaluate" -> new EvaluateCommand(out, err).run(rest);
                case "export" -> new ExportCommand(out).run(rest);
                case "curves" -> new CurvesCommand(out).run(rest);
                case "bench" -> new BenchCommand(out).run(rest);
                case "backend" -> {
                    out.println(Backend.describe().line());
                    yield 0;
                }
                case "version" -> {
                    out.println("gan-notebooks " + io.gannotebooks.util.Version.library());
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + argv.get(0) + "'");
            };
        } catch (UsageException | IllegalArgumentException e) {
            // one line, as every error: the pointer to the usage goes on the same line
            err.println("gan: " + e.getMessage() + (e instanceof UsageException ? " (./gan help shows the usage)" : ""));
            return 2;
        } catch (DatasetException | CheckpointException | TrainingDivergedException | UncheckedIOException e) {
            err.println("gan: " + e.getMessage());
            return 1;
        } catch (RuntimeException | Error e) {
            Throwable outOfMemory = outOfMemory(e);
            if (outOfMemory != null) {
                String why = outOfMemory.getMessage() == null ? "" : outOfMemory.getMessage().lines().findFirst().orElse("");
                err.println("gan: out of memory" + (why.isBlank() ? "" : " (" + why.strip() + ")") + "; use a smaller "
                        + "--batch, or raise the limit in GAN_JAVA_OPTS (-Xmx…, -Dorg.bytedeco.javacpp.maxphysicalbytes=…)");
                return 1;
            }
            err.println("gan: unexpected error: " + e + (debug() ? "" : " (set GAN_DEBUG=1 for details)"));
            if (debug()) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /** The lines of {@link #USAGE} about {@code command} (its line and the more indented ones after it), or null. */
    static String usageOf(String command) {
        StringBuilder usage = new StringBuilder();
        boolean inside = false;
        for (String line : USAGE.lines().toList()) {
            if (line.startsWith("  " + command + " ")) {
                inside = true;
                usage.append("usage: ./gan ").append(line.strip()).append('\n');
            } else if (inside && line.startsWith("      ")) {
                usage.append(line).append('\n');
            } else if (inside) {
                break;
            }
        }
        return inside ? usage.toString() : null;
    }

    /**
     * The OutOfMemoryError anywhere in the chain, or null: DL4J wraps JavaCPP's "physicalBytes > maxPhysicalBytes" in
     * "Error during neural network forward pass", and Java's own heap error arrives bare.
     */
    static Throwable outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return t;
            }
        }
        return null;
    }

    private static boolean debug() {
        return "1".equals(System.getenv("GAN_DEBUG"));
    }
}
