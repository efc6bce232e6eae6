package io.gannotebooks.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The FP32 peak that ./gan bench --vs-pytorch divides by, and what it does with a peak that cannot be. */
class PeakFlopsTest {
    @TempDir
    Path dir;

    private static String run(List<String> command, Path workingDirectory, String... environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        for (int i = 0; i < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "still running: " + command);
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    /**
     * One thread of an AVX2 core with FMA does 2 pipes x 8 floats x 2 FLOP = 32 FLOP per cycle, 51 GFLOP/s
     * at 1.6 GHz; the old kernel, whose chains did not fit the 16 YMM registers, measured 7.5 per thread
     * on a Zen 3. 20 leaves room for a machine shared with other processes.
     */
    @Test
    void peakKernelMeasuresARealPeakOnAvx2() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "needs gcc");
        String flags = Files.readString(Path.of("/proc/cpuinfo"));
        assumeTrue(flags.contains(" avx2") && flags.contains(" fma"), "needs an x86 CPU with AVX2 and FMA");
        Path exe = dir.resolve("peak_flops");
        run(List.of("/usr/bin/gcc", "-O3", "-march=native", "-ffp-contract=fast", "-fopenmp",
                Path.of("bench/peak_flops.c").toAbsolutePath().toString(), "-o", exe.toString()), dir);
        String json = run(List.of(exe.toString()), dir, "OMP_NUM_THREADS", "1");
        Matcher gflops = Pattern.compile("\"gflops\": ([0-9.]+)").matcher(json);
        assertTrue(gflops.find(), json);
        assertTrue(json.contains("\"threads\": 1"), json);
        assertTrue(Double.parseDouble(gflops.group(1)) >= 20, "a peak this low means the kernel spills: " + json);
        // bfloat16 dot products: measured where the CPU has them (two products per lane and instruction), else null
        Matcher bf16 = Pattern.compile("\"bf16_gflops\": (null|[0-9.]+)").matcher(json);
        assertTrue(bf16.find(), json);
        if (flags.contains(" avx512_bf16")) {
            assertTrue(!bf16.group(1).equals("null") && Double.parseDouble(bf16.group(1)) >= 20, json);
        } else {
            assertEquals("null", bf16.group(1), json);
        }
    }

    private static String computeLine(double gflopPerIteration, double dl4jSeconds, double torchSeconds,
                                      String peak) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs python3");
        String script = "import sys; sys.path.insert(0, 'bench'); import side_by_side as s; "
                + "print(s.compute_line(" + gflopPerIteration + ", {'DL4J': " + dl4jSeconds + ", 'PyTorch': "
                + torchSeconds + "}, " + peak + "))";
        return run(List.of("/usr/bin/python3", "-c", script), Path.of("").toAbsolutePath()).strip();
    }

    @Test
    void sideBySideGivesSharesOfABelievablePeak() throws Exception {
        String line = computeLine(240, 2.0, 1.5, "400.0");
        assertEquals("compute, 240 GFLOP per iteration: DL4J 120 GFLOP/s (30% of peak), PyTorch 160 GFLOP/s"
                + " (40% of peak); measured FP32 peak of 2 cores 400 GFLOP/s", line);
    }

    @Test
    void sideBySideRefusesAShareAboveOneHundredPercent() throws Exception {
        String line = computeLine(240, 2.0, 1.5, "60.0");
        assertFalse(line.contains("%"), line);
        assertTrue(line.endsWith("no share of peak: the measured FP32 peak (60 GFLOP/s) is below what was"
                + " achieved, so that measurement (bench/peak_flops.c) is wrong"), line);
        assertEquals("compute, 240 GFLOP per iteration: DL4J 120 GFLOP/s, PyTorch 160 GFLOP/s",
                computeLine(240, 2.0, 1.5, "None"));
    }
}
