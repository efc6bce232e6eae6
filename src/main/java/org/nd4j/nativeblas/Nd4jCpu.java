package org.nd4j.nativeblas;

/**
 * Compatibility shim for one class that moved in nd4j 1.0.0-M2.1.
 *
 * <p>DL4J M2.1 decides whether its oneDNN layer helpers may run by loading
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment} reflectively and calling {@code isUseMKLDNN()}.
 * In M2.1 the JavaCPP binding lives at {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment}
 * and the method is called {@code isUseONEDNN()}, so the check always fails and every convolution falls
 * back to Java-side im2col (measured 8x slower here). This class answers the old question with the
 * binding's real answer; nothing else in DL4J or nd4j uses this name. See {@code io.gannotebooks.backend.Backend}.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** True when the loaded libnd4j was built with oneDNN and allows it. */
        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
