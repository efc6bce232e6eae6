package io.gannotebooks.backend;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.CrashReportingUtil;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Puts nd4j/DL4J on the fast path and reports which path is active.
 *
 * <p>Two things keep DL4J 1.0.0-M2.1 off oneDNN out of the box: the layer helpers are disabled by a
 * system property whose default is "true", and their availability check looks for a class that moved
 * (see {@link org.nd4j.nativeblas.Nd4jCpu}). {@link #configure()} fixes the first; the shim fixes the
 * second. {@link #describe()} proves it by building a one-layer network and asking which helper its
 * convolution got, rather than trusting flags.
 */
public final class Backend {
    /** DL4J's switch for oneDNN/cuDNN layer helpers (DL4JSystemProperties.DISABLE_HELPER_PROPERTY). */
    static final String DISABLE_HELPERS = "org.eclipse.deeplearning4j.helpers.disable";
    /** DL4J's switch for memory crash dump files (read by CrashReportingUtil); -D...=true turns them back on. */
    static final String CRASH_DUMPS = "org.deeplearning4j.crash.reporting.enabled";

    private static volatile Report report;

    private Backend() {
    }

    /** Must run before the first network is built. Idempotent. Users may still force helpers off with -D. */
    public static synchronized void configure() {
        if (System.getProperty(DISABLE_HELPERS) == null) {
            System.setProperty(DISABLE_HELPERS, "false");
        }
        // On an out-of-memory DL4J writes dl4j-memory-crash-dump-*.txt into the working directory (a user's
        // project, a notebook folder) and logs a page about it; the error itself already says what happened.
        if (System.getProperty(CRASH_DUMPS) == null) {
            CrashReportingUtil.crashDumpsEnabled(false);
        }
    }

    /** What the native backend actually does, probed once. */
    public static synchronized Report describe() {
        if (report == null) {
            configure();
            var env = Nd4j.getExecutioner().getEnvironmentInformation();
            var probe = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                    .list()
                    .layer(new ConvolutionLayer.Builder(3, 3).nOut(1).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                            .activation(Activation.IDENTITY).nOut(1).build())
                    .setInputType(InputType.convolutional(4, 4, 1))
                    .build());
            probe.init();
            var conv = (org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) probe.getLayer(0);
            boolean oneDnnHelpers = conv.getHelper() instanceof MKLDNNConvHelper;
            boolean oneDnnLibrary = org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
            report = new Report(String.valueOf(env.getProperty("backend")), nativeBuild(),
                    oneDnnLibrary, oneDnnHelpers,
                    Integer.parseInt(String.valueOf(env.getOrDefault("omp.threads", "0"))));
        }
        return report;
    }

    /**
     * The nd4j-native build in use, e.g. "linux-x86_64-onednn-avx2": JavaCPP unpacks each build's library
     * into a folder named after its classifier, and the process's memory map says which one is loaded.
     */
    static String nativeBuild() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/maps"))) {
                int at = line.indexOf("/libnd4jcpu");
                if (at > 0) {
                    java.nio.file.Path folder = java.nio.file.Path.of(line.substring(line.indexOf('/'), at));
                    return folder.getFileName().toString();
                }
            }
        } catch (java.io.IOException | RuntimeException notLinux) {
            // no /proc: report what we cannot see
        }
        return "unknown build";
    }

    /**
     * @param nativeBuild   the nd4j-native classifier whose library is loaded
     * @param oneDnnLibrary the loaded libnd4j has oneDNN (transposed convolutions and batch norm use it)
     * @param oneDnnHelpers DL4J's convolution layers run through oneDNN instead of Java im2col
     */
    public record Report(String backend, String nativeBuild, boolean oneDnnLibrary, boolean oneDnnHelpers,
                         int threads) {
        public boolean fastPath() {
            return oneDnnLibrary && oneDnnHelpers;
        }

        public String line() {
            return String.format("nd4j %s backend (%s), %d threads, oneDNN library %s, oneDNN layer helpers %s -> %s",
                    backend, nativeBuild, threads, oneDnnLibrary ? "yes" : "no", oneDnnHelpers ? "on" : "off",
                    fastPath() ? "fast path" : "SLOW PATH (Java im2col convolutions)");
        }
    }
}
