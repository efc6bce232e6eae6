package io.gannotebooks.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The processor a measurement ran on, in one line ("AMD EPYC, 2 cores, AVX-512"): times and training budgets
 * are only comparable on one kind of machine, so every figure that depends on speed names it.
 */
public final class Machine {
    private Machine() {
    }

    public static String describe() {
        return describe(Path.of("/proc/cpuinfo"), Runtime.getRuntime().availableProcessors());
    }

    static String describe(Path cpuinfo, int cores) {
        String model = System.getProperty("os.arch");
        String vectors = "no AVX2";
        try {
            List<String> lines = Files.readAllLines(cpuinfo);
            model = field(lines, "model name", model);
            String flags = flags(lines);
            vectors = flags.contains(" avx512f ") ? (flags.contains(" avx512_bf16 ") ? "AVX-512 with BF16" : "AVX-512")
                    : flags.contains(" avx2 ") ? "AVX2" : vectors;
        } catch (IOException | RuntimeException e) {
            vectors = "vector units unknown";
        }
        return String.format(Locale.ROOT, "%s, %d cores, %s", model, cores, vectors);
    }

    /** Whether the CPU has AVX512_BF16, which oneDNN's bfloat16 convolutions need ({@code --precision mixed}). */
    public static boolean hasBf16() {
        return hasFlag(Path.of("/proc/cpuinfo"), "avx512_bf16");
    }

    static boolean hasFlag(Path cpuinfo, String flag) {
        try {
            return flags(Files.readAllLines(cpuinfo)).contains(" " + flag + " ");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The "flags" line's words with a space on each side, so " avx2 " matches a whole word only. */
    private static String flags(List<String> lines) {
        return " " + field(lines, "flags", "") + " ";
    }

    private static String field(List<String> lines, String name, String fallback) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return fallback;
    }
}
