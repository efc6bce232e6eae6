import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/**
 * Spike: can libnd4j 1.0.0-M2.1's oneDNN path run the networks' convolutions in bfloat16, and how fast against
 * float32? Calls the ops the own layers call (io.gannotebooks.layers: conv2d, deconv2d, conv2d_bp, deconv2d_bp,
 * NCHW, weight format 1, no dilation) plus deconv2d_tf (oneDNN's backward-data convolution, the only other
 * transposed convolution M2.1 offers), on G's and D's real layer shapes, in three precisions:
 *
 *   F32   every array float32 (what the library runs today)
 *   BF16  every input and output bfloat16
 *   MIX   inputs bfloat16, outputs float32 (what a mixed-precision step with FP32 master weights wants)
 *
 * Run from the repository after ./gan builds the jar:
 *
 *     java -cp "target/gan-notebooks.jar:target/lib/*" bench/Bf16Spike.java check [batch]
 *         correctness and path: re-runs itself with DNNL_VERBOSE=1 and reports, per op and precision, whether it
 *         ran, the relative error against F32, and which oneDNN primitives (implementation/ISA, data types)
 *         executed -- none means libnd4j's generic (non-oneDNN) kernel ran.
 *     java -cp "target/gan-notebooks.jar:target/lib/*" bench/Bf16Spike.java time [batches] [repeats] [warmup]
 *         median milliseconds per op and precision (interleaved), the FP32<->BF16 cast costs, per-layer and
 *         per-iteration estimates of the best bf16 route; default batches 16,64, repeats 7, warm-up 2. Only the
 *         cases "check" found on oneDNN are timed unless --all is given (the generic ones take seconds each).
 *
 * Time on an otherwise idle machine (here: /work/runs/paused.sh java ... time 16,64 7 2, about 70-100 s).
 * Results and their reading: bench/Bf16Spike.md.
 */
public class Bf16Spike {
    enum Mode { F32, BF16, MIX }

    /** One convolution layer of G or D: input side, channels, window; transposed = G's up-sampling layers. */
    record Layer(String name, boolean transposed, int cin, int cout, int k, int s, int p, int side, boolean bias) {
        int outSide() {
            return transposed ? s * (side - 1) + k - 2 * p : (side + 2 * p - k) / s + 1;
        }

        int[] iArgs() { // kernel, stride, padding, dilation 1, explicit padding, NCHW, weight format 1 (DL4J's)
            return new int[]{k, k, s, s, p, p, 1, 1, 0, 0, 1};
        }

        /** Multiply-adds x2 of one forward pass at this batch. */
        double gflop(int batch) {
            long small = transposed ? (long) side * side : (long) outSide() * outSide();
            return 2.0 * batch * small * cin * cout * k * k / 1e9;
        }
    }

    static final Layer[] LAYERS = {
            new Layer("G.up1", true, 128, 256, 4, 2, 1, 8, false),
            new Layer("G.up2", true, 256, 128, 4, 2, 1, 16, false),
            new Layer("G.up3", true, 128, 64, 4, 2, 1, 32, false),
            new Layer("G.to_rgb", false, 64, 3, 3, 1, 1, 64, true),
            new Layer("D.down1", false, 3, 64, 4, 2, 1, 64, true),
            new Layer("D.down2", false, 64, 128, 4, 2, 1, 32, false),
            new Layer("D.down3", false, 128, 256, 4, 2, 1, 16, false),
            new Layer("D.down4", false, 256, 512, 4, 2, 1, 8, false),
    };

    /**
     * The ops tried per layer. FWD and BP are what the own layers call (conv2d/deconv2d and their _bp ops); TF is
     * deconv2d_tf (oneDNN's convolution backward-data), which computes G's transposed convolution and D's ∂L/∂x;
     * for D's convolutions (and to_rgb) EMU_FWD and EMU_BPW get the convolution's output and weight gradient from
     * deconv2d_bp with the roles swapped: a transposed convolution with D's weights W [Cout, Cin, k, k] read as
     * deconv2d's [in, out, k, k], input g-shaped and ∂L/∂output = x, returns ∂L/∂input = conv2d(x, W) and
     * ∂L/∂W = Σ g ⊗ x = conv2d_bp's ∂L/∂W. EMU_FWD passes zeros as the input (its weight gradient is wasted
     * work), EMU_BPW passes g (its "input gradient" recomputes the forward output: wasted work too). IN is the
     * own layers' ∂L/∂x alone for a convolution (D's pass for G's step): deconv2d(g, W).
     */
    enum Op { FWD, BP, TF, EMU_FWD, EMU_BPW, IN }

    static final String MARK = "@@case ";

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "check";
        switch (what) {
            case "check" -> check(args.length > 1 ? Integer.parseInt(args[1]) : 16);
            case "probe" -> probe(Integer.parseInt(args[1]));
            case "time" -> time(args);
            default -> throw new IllegalArgumentException("check [batch] | time [batches] [repeats] [warmup] [--all]");
        }
    }

    // ------------------------------------------------------------------------------------------------ the cases

    /** Arrays of one layer at one batch: FP32 originals, and per mode the inputs and output buffers of each op. */
    static final class Case {
        final Layer l;
        final int batch;
        final INDArray x, w, b, g;          // FP32 originals: input, weights (DL4J layout), bias or null, ∂L/∂y
        final Map<Mode, INDArray[]> in = new EnumMap<>(Mode.class);   // x, w, b, g in the mode's input type

        Case(Layer l, int batch) {
            this.l = l;
            this.batch = batch;
            Nd4j.getRandom().setSeed(Objects.hash(l.name, batch));
            x = Nd4j.randn(DataType.FLOAT, batch, l.cin, l.side, l.side);
            long[] ws = l.transposed ? new long[]{l.cin, l.cout, l.k, l.k} : new long[]{l.cout, l.cin, l.k, l.k};
            w = Nd4j.randn(DataType.FLOAT, ws).muli(0.02);
            b = l.bias ? Nd4j.randn(DataType.FLOAT, l.cout).muli(0.1) : null;
            g = Nd4j.randn(DataType.FLOAT, batch, l.cout, l.outSide(), l.outSide());
            for (Mode m : Mode.values()) {
                DataType t = m == Mode.F32 ? DataType.FLOAT : DataType.BFLOAT16;
                in.put(m, new INDArray[]{x.castTo(t), w.castTo(t), b == null ? null : b.castTo(t), g.castTo(t)});
            }
        }

        DataType outType(Mode m) {
            return m == Mode.BF16 ? DataType.BFLOAT16 : DataType.FLOAT;
        }

        /** Builds op {@code op} in mode {@code m} with fresh outputs; returns the outputs (compare against F32's). */
        Runner runner(Op op, Mode m) {
            INDArray[] a = in.get(m);
            INDArray xi = a[0], wi = a[1], bi = a[2], gi = a[3];
            DataType t = outType(m);
            long[] xs = x.shape(), ys = g.shape();
            String name;
            INDArray[] ins, outs;
            int[] ia = l.iArgs();
            switch (op) {
                case FWD -> {
                    name = l.transposed ? "deconv2d" : "conv2d";
                    ins = bi == null ? new INDArray[]{xi, wi} : new INDArray[]{xi, wi, bi};
                    outs = new INDArray[]{Nd4j.create(t, ys)};
                }
                case BP -> {
                    name = l.transposed ? "deconv2d_bp" : "conv2d_bp";
                    ins = bi == null ? new INDArray[]{xi, wi, gi} : new INDArray[]{xi, wi, bi, gi};
                    outs = bi == null ? new INDArray[]{Nd4j.create(t, xs), Nd4j.create(t, wi.shape())}
                            : new INDArray[]{Nd4j.create(t, xs), Nd4j.create(t, wi.shape()), Nd4j.create(t, l.cout)};
                }
                case TF -> {
                    // deconv2d_tf(outShape, W [kH, kW, iC, oC], gradO) = ∂L/∂(input) of a convolution, NCHW
                    // G (transposed): y = deconv2d(x, W[cin, cout]) is conv-backward-data of gradO = x with
                    //   conv weights [oC = cin, iC = cout, k, k] = W itself; D: ∂L/∂x from g and W[cout, cin].
                    name = "deconv2d_tf";
                    INDArray src = l.transposed ? xi : gi;
                    long[] shape = l.transposed ? ys : xs;
                    INDArray wTf = wi.permute(2, 3, 1, 0).dup('c'); // [oC, iC, kH, kW] -> [kH, kW, iC, oC]
                    ins = new INDArray[]{Nd4j.createFromArray(shape), wTf, src};
                    outs = new INDArray[]{Nd4j.create(t, shape)};
                    ia = new int[]{l.k, l.k, l.s, l.s, l.p, l.p, 1, 1, 0, 0 /* NCHW */};
                }
                case IN -> {
                    if (l.transposed) throw new IllegalArgumentException("IN is for convolutions");
                    name = "deconv2d";
                    ins = new INDArray[]{gi, wi};
                    outs = new INDArray[]{Nd4j.create(t, xs)};
                }
                case EMU_FWD, EMU_BPW -> {
                    if (l.transposed) throw new IllegalArgumentException("emulation is for convolutions");
                    name = "deconv2d_bp";
                    INDArray first = op == Op.EMU_BPW ? gi : Nd4j.zeros(gi.dataType(), ys);
                    ins = new INDArray[]{first, wi, xi};
                    outs = new INDArray[]{Nd4j.create(t, ys), Nd4j.create(t, wi.shape())};
                }
                default -> throw new IllegalStateException();
            }
            return new Runner(name, ins, outs, ia);
        }

        /** Which reference (see refs) each output of {@code op} should equal; null: not compared. */
        String[] expected(Op op) {
            return switch (op) {
                case FWD -> new String[]{"y"};
                case BP -> l.bias ? new String[]{"gI", "gW", "gB"} : new String[]{"gI", "gW"};
                case TF -> new String[]{l.transposed ? "y" : "gI"};
                case EMU_FWD -> new String[]{"y0", null};
                case IN -> new String[]{"gI"};
                case EMU_BPW -> new String[]{"y0", "gW"};
            };
        }

        /** FP32 references: y (with bias), y0 (without), gI, gW, gB, from the F32 ops. */
        Map<String, INDArray> refs() {
            Map<String, INDArray> r = new HashMap<>();
            Runner f = runner(Op.FWD, Mode.F32), b = runner(Op.BP, Mode.F32);
            f.run();
            b.run();
            r.put("y", f.outs[0]);
            r.put("gI", b.outs[0]);
            r.put("gW", b.outs[1]);
            if (l.bias) {
                r.put("gB", b.outs[2]);
                r.put("y0", f.outs[0].sub(Case.this.b.reshape(1, l.cout, 1, 1)));
            } else {
                r.put("y0", f.outs[0]);
            }
            return r;
        }


        /** The expected F32 results of {@code op}, for the error check (computed by the F32 runner). */
        String label(Op op, Mode m) {
            return String.format("%-8s b%-3d %-4s %-5s", l.name, batch, op, m);
        }
    }

    record Runner(String name, INDArray[] ins, INDArray[] outs, int[] iArgs) {
        void run() {
            DynamicCustomOp op = DynamicCustomOp.builder(name).addInputs(ins).addOutputs(outs)
                    .addIntegerArguments(iArgs).build();
            Nd4j.getExecutioner().exec(op);
        }
    }

    static List<Op> ops(Layer l) {
        return l.transposed ? List.of(Op.FWD, Op.BP, Op.TF)
                : List.of(Op.FWD, Op.BP, Op.TF, Op.EMU_FWD, Op.EMU_BPW, Op.IN);
    }

    /** Cases libnd4j M2.1 runs on its generic kernel, not oneDNN ("check" shows it): not timed unless --all. */
    static boolean generic(Layer l, Op op, Mode m) {
        return m != Mode.F32 && (op == Op.FWD || op == Op.IN || (op == Op.BP && !l.transposed));
    }

    // ----------------------------------------------------------------------------------------------- check

    /** Relative error ||a − ref|| / ||ref|| (Frobenius), in float32, and max |a − ref| / max |ref|. */
    static double[] relErr(INDArray a, INDArray ref) {
        INDArray af = a.castTo(DataType.FLOAT);
        INDArray d = af.sub(ref);
        double fro = d.norm2Number().doubleValue() / Math.max(ref.norm2Number().doubleValue(), 1e-30);
        double max = d.amaxNumber().doubleValue() / Math.max(ref.amaxNumber().doubleValue(), 1e-30);
        return new double[]{fro, max};
    }

    /** Child of "check", run with DNNL_VERBOSE=1: every case once, a marker line before each. */
    static void probe(int batch) {
        System.out.println("@@info nd4j threads " + Nd4j.getEnvironment().maxThreads() + ", helpers allowed "
                + Nd4j.getEnvironment().helpersAllowed());
        for (Layer l : LAYERS) {
            Case c = new Case(l, batch);
            System.out.println(MARK + "refs " + l.name);
            Map<String, INDArray> refs = c.refs();
            for (Op op : ops(l)) {
                String[] want = c.expected(op);
                for (Mode m : Mode.values()) {
                    Runner r = c.runner(op, m);
                    System.out.println(MARK + c.label(op, m).trim().replaceAll("\\s+", " ") + " (" + r.name + ")");
                    System.out.flush();
                    String result;
                    try {
                        long t0 = System.nanoTime();
                        r.run();
                        double ms = (System.nanoTime() - t0) / 1e6;
                        StringBuilder sb = new StringBuilder(String.format("ran %.1f ms (first call)", ms));
                        for (int i = 0; i < r.outs.length; i++) {
                            if (want[i] == null) continue;
                            double[] e = relErr(r.outs[i], refs.get(want[i]));
                            sb.append(String.format("; %s err %.2e (max %.2e)", want[i], e[0], e[1]));
                        }
                        result = sb.toString();
                    } catch (Throwable e) {
                        result = "FAILED: " + e.getClass().getSimpleName() + ": "
                                + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                    }
                    System.out.println("@@result " + result);
                    System.out.flush();
                }
            }
        }
        System.out.println(MARK + "end");
    }

    /** Runs probe in a child with DNNL_VERBOSE=1 and attributes the oneDNN primitives to the cases. */
    static void check(int batch) throws Exception {
        Path self = Path.of("bench", "Bf16Spike.java");
        if (!Files.exists(self)) {
            throw new IllegalStateException("run from the repository root (bench/Bf16Spike.java not found)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of("stdbuf", "-oL", java, "-cp", System.getProperty("java.class.path"),
                self.toString(), "probe", String.valueOf(batch)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DNNL_VERBOSE", "1");
        Process p = pb.start();
        String current = null;
        Map<String, List<String>> prims = new LinkedHashMap<>();
        Map<String, String> results = new LinkedHashMap<>();
        String info = null;
        try (BufferedReader rd = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            for (String line; (line = rd.readLine()) != null; ) {
                if (line.startsWith(MARK)) {
                    current = line.substring(MARK.length());
                    prims.put(current, new ArrayList<>());
                } else if (line.startsWith("@@result ")) {
                    results.put(current, line.substring(9));
                } else if (line.startsWith("@@info ")) {
                    System.out.println(line.substring(7));
                } else if (line.contains("dnnl_verbose,info,oneDNN") || line.contains("dnnl_verbose,info,cpu")) {
                    if (info == null) info = "";
                    info += line + "\n";
                } else if (line.startsWith("dnnl_verbose,exec") && current != null) {
                    prims.get(current).add(summarise(line));
                } else if (!line.startsWith("dnnl_verbose") && !line.isBlank()) {
                    System.out.println("  | " + line);
                }
            }
        }
        p.waitFor();
        if (info != null) System.out.print(info);
        for (var e : results.entrySet()) {
            List<String> ps = prims.getOrDefault(e.getKey(), List.of());
            List<String> main = ps.stream().filter(s -> !s.startsWith("reorder")).toList();
            String path = main.isEmpty() ? "NO oneDNN primitive -> libnd4j generic kernel" : String.join(" | ", main);
            long reorders = ps.stream().filter(s -> s.startsWith("reorder")).count();
            System.out.printf("%-34s %s%n      path: %s%s%n", e.getKey(), e.getValue(), path,
                    reorders > 0 ? "  (+" + reorders + " reorders: " + String.join(" | ",
                            ps.stream().filter(s -> s.startsWith("reorder")).toList()) + ")" : "");
        }
    }

    /** "kind,impl,prop,datatypes,ms" from a dnnl_verbose exec line (oneDNN 2.x format). */
    static String summarise(String line) {
        String[] f = line.split(",");
        // dnnl_verbose,exec,cpu,<kind>,<impl>,<prop>,<mds>,<attrs>,<aux>,<problem>,<ms>
        if (f.length < 8) return line;
        String kind = f[3], impl = f[4], prop = f[5];
        StringBuilder types = new StringBuilder();
        for (String md : f[6].split(" ")) {
            String[] parts = md.split(":");
            if (parts.length > 0 && !parts[0].contains("undef")) types.append(parts[0]).append(' ');
        }
        return kind + " " + impl + " " + prop + " [" + types.toString().trim() + "] " + f[f.length - 1] + "ms";
    }

    // ----------------------------------------------------------------------------------------------- time

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double timeOnce(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    static void time(String[] args) {
        int[] batches = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[]{16, 64};
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        boolean all = Arrays.asList(args).contains("--all");
        System.out.printf("nd4j threads %d; %d repeats after %d warm-up, median ms, modes interleaved%n",
                Nd4j.getEnvironment().maxThreads(), repeats, warmup);
        for (int batch : batches) {
            System.out.printf("%n== batch %d ==  (- : libnd4j's generic kernel, not timed; see check)%n", batch);
            System.out.printf("%-9s %-8s %-12s %8s %8s %8s %9s %9s %7s%n", "layer", "op", "libnd4j op", "F32", "BF16",
                    "MIX", "F32/BF16", "F32/MIX", "GFLOP/s");
            Map<String, Double> ms = new HashMap<>();
            Map<String, Map<String, Double>> casts = new LinkedHashMap<>();
            for (Layer l : LAYERS) {
                Case c = new Case(l, batch);
                settle();
                for (Op op : ops(l)) {
                    Map<Mode, Runner> rs = new EnumMap<>(Mode.class);
                    for (Mode m : Mode.values()) {
                        if (all || !generic(l, op, m)) rs.put(m, c.runner(op, m));
                    }
                    Map<Mode, double[]> t = new EnumMap<>(Mode.class);
                    rs.keySet().forEach(m -> t.put(m, new double[repeats]));
                    for (int i = -warmup; i < repeats; i++) {
                        for (var e : rs.entrySet()) {
                            double v;
                            try {
                                v = timeOnce(e.getValue()::run);
                            } catch (Throwable ex) {
                                v = Double.NaN;
                            }
                            if (i >= 0) t.get(e.getKey())[i] = v;
                        }
                    }
                    t.forEach((m, v) -> ms.put(l.name + " " + op + " " + m, median(v)));
                    double f = ms.getOrDefault(l.name + " " + op + " F32", Double.NaN);
                    double bf = ms.getOrDefault(l.name + " " + op + " BF16", Double.NaN);
                    double mx = ms.getOrDefault(l.name + " " + op + " MIX", Double.NaN);
                    double flops = l.gflop(batch) * (op == Op.BP || op == Op.EMU_FWD || op == Op.EMU_BPW ? 2 : 1);
                    System.out.printf("%-9s %-8s %-12s %8s %8s %8s %9s %9s %7.0f%n", l.name, op, rs.get(Mode.F32).name,
                            f2(f), f2(bf), f2(mx), f2(f / bf), f2(f / mx), flops / f * 1e3);
                }
            }
            for (Layer l : LAYERS) { // after every op: castTo's fresh arrays fault in pages and leave garbage behind
                settle();
                casts.put(l.name, casts(new Case(l, batch), repeats, warmup));
            }
            System.out.printf("%ncasts, ms (castTo: a new array; assign: into a kept bf16/f32 buffer)%n%-9s", "layer");
            casts.values().iterator().next().keySet().forEach(k -> System.out.printf(" %13s", k));
            System.out.println();
            casts.forEach((l, v) -> {
                System.out.printf("%-9s", l);
                v.values().forEach(x -> System.out.printf(" %13.2f", x));
                System.out.println();
            });
            summary(ms, casts);
        }
    }

    /** A collection (nd4j frees off-heap arrays when their Java objects are collected) and a pause, between layers. */
    static void settle() {
        System.gc();
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String f2(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.2f", v);
    }

    /**
     * Per layer, one forward and one full backward (∂L/∂x and ∂L/∂W) in F32 as the library runs them, against
     * the fastest bf16 route M2.1 offers on oneDNN with FP32 outputs (MIX): G's transposed convolutions forward
     * by deconv2d_tf, backward by deconv2d_bp; D's convolutions forward by min(conv2d F32, EMU_FWD), backward
     * by min(conv2d_bp F32, deconv2d_tf for ∂L/∂x + EMU_BPW for ∂L/∂W). Casts per pass: x and W to bf16
     * before the forward, g to bf16 before the backward (assign into kept buffers; W once per step though).
     */
    static void summary(Map<String, Double> ms, Map<String, Map<String, Double>> casts) {
        System.out.printf("%nper layer, forward + full backward, ms: F32 | bf16 route (MIX, outputs FP32) + casts%n");
        Map<String, double[]> groups = new LinkedHashMap<>();
        for (Layer l : LAYERS) {
            String n = l.name;
            double fF = ms.get(n + " FWD F32"), bF = ms.get(n + " BP F32");
            double fB, bB;
            String fr, br;
            if (l.transposed) {
                fB = ms.get(n + " TF MIX");
                fr = "deconv2d_tf";
                bB = ms.get(n + " BP MIX");
                br = "deconv2d_bp";
            } else {
                double emu = ms.get(n + " EMU_FWD MIX");
                fB = Math.min(fF, emu);
                fr = emu < fF ? "EMU_FWD" : "conv2d F32";
                double split = ms.get(n + " TF MIX") + ms.get(n + " EMU_BPW MIX");
                bB = Math.min(bF, split);
                br = split < bF ? "deconv2d_tf+EMU_BPW" : "conv2d_bp F32";
            }
            Map<String, Double> c = casts.get(n);
            double cast = (fr.endsWith("F32") ? 0 : c.get("x assign") + c.get("W assign"))
                    + (br.endsWith("F32") ? 0 : c.get("g assign") + (fr.endsWith("F32") ? c.get("x assign") + c.get("W assign") : 0));
            System.out.printf("%-9s F32 %7.2f + %7.2f = %7.2f | %-11s %7.2f + %-19s %7.2f + casts %5.2f = %7.2f  (%.2fx)%n",
                    n, fF, bF, fF + bF, fr, fB, br, bB, cast, fB + bB + cast, (fF + bF) / (fB + bB + cast));
            String group = n.equals("G.to_rgb") ? "to_rgb" : n.startsWith("G") ? "G deconvs" : "D convs";
            double[] acc = groups.computeIfAbsent(group, k -> new double[4]);
            acc[0] += fF + bF;
            acc[1] += fB + bB + cast;
            acc[2] += fF;
            acc[3] += fB;
        }
        groups.forEach((k, v) -> System.out.printf("  %-10s F32 %8.2f  bf16 route %8.2f  (%.2fx; forward alone %.2fx)%n",
                k, v[0], v[1], v[0] / v[1], v[2] / v[3]));
        iteration(ms, casts);
    }

    /**
     * One training iteration's convolutions as GanTrainer.step runs them: G forward and backward once; D forward
     * three times (real, fake, fake again), full backward twice (D's step), ∂L/∂x alone once (G's step). F32 as
     * the own layers run them; bf16 as in summary, D's ∂L/∂x alone by deconv2d_tf (MIX). to_rgb apart: the own
     * layer's backward is TapGradients (a 1×1 conv2d_bp, FP32 only), not the conv2d_bp timed here.
     */
    static void iteration(Map<String, Double> ms, Map<String, Map<String, Double>> casts) {
        double gF = 0, gB = 0, dF = 0, dB = 0, cG = 0, cD = 0;
        for (Layer l : LAYERS) {
            String n = l.name;
            Map<String, Double> c = casts.get(n);
            if (n.equals("G.to_rgb")) continue;
            if (l.transposed) {
                gF += ms.get(n + " FWD F32") + ms.get(n + " BP F32");
                gB += ms.get(n + " TF MIX") + ms.get(n + " BP MIX");
                cG += c.get("x assign") + c.get("W assign") + c.get("g assign");
            } else {
                double fwd = ms.get(n + " FWD F32"), bp = ms.get(n + " BP F32"), in = ms.get(n + " IN F32");
                dF += 3 * fwd + 2 * bp + in;
                double fwdB = Math.min(fwd, ms.get(n + " EMU_FWD MIX"));
                double bpB = Math.min(bp, ms.get(n + " TF MIX") + ms.get(n + " EMU_BPW MIX"));
                double inB = Math.min(in, ms.get(n + " TF MIX"));
                dB += 3 * fwdB + 2 * bpB + inB;
                cD += (fwdB < fwd ? 3 * c.get("x assign") + c.get("W assign") : 0)
                        + (bpB < bp ? 2 * c.get("g assign") + (fwdB < fwd ? 0 : 2 * c.get("x assign") + c.get("W assign")) : 0)
                        + (inB < in ? c.get("g assign") + c.get("W assign") : 0);
            }
        }
        System.out.printf("one iteration's convolutions (to_rgb apart), ms: G F32 %.1f -> bf16 %.1f + casts %.1f; "
                        + "D F32 %.1f -> bf16 %.1f + casts %.1f; saved %.1f ms (%.2fx on these)%n",
                gF, gB, cG, dF, dB, cD, gF + dF - gB - cG - dB - cD, (gF + dF) / (gB + cG + dB + cD));
    }

    /** Casts one layer's mixed path pays: x, W, g to bf16 (castTo: new array; assign: into a kept buffer), y back. */
    static Map<String, Double> casts(Case c, int repeats, int warmup) {
        INDArray xb = Nd4j.create(DataType.BFLOAT16, c.x.shape()), wb = Nd4j.create(DataType.BFLOAT16, c.w.shape());
        INDArray gb = Nd4j.create(DataType.BFLOAT16, c.g.shape());
        INDArray yb = c.g.castTo(DataType.BFLOAT16), yf = Nd4j.create(DataType.FLOAT, c.g.shape());
        Map<String, Runnable> rs = new LinkedHashMap<>();
        rs.put("x castTo", () -> c.x.castTo(DataType.BFLOAT16));
        rs.put("x assign", () -> xb.assign(c.x));
        rs.put("W castTo", () -> c.w.castTo(DataType.BFLOAT16));
        rs.put("W assign", () -> wb.assign(c.w));
        rs.put("g castTo", () -> c.g.castTo(DataType.BFLOAT16));
        rs.put("g assign", () -> gb.assign(c.g));
        rs.put("y->f32 castTo", () -> yb.castTo(DataType.FLOAT));
        rs.put("y->f32 assign", () -> yf.assign(yb));
        Map<String, double[]> t = new LinkedHashMap<>();
        rs.keySet().forEach(k -> t.put(k, new double[repeats]));
        for (int i = -warmup; i < repeats; i++) {
            for (var e : rs.entrySet()) {
                double v = timeOnce(e.getValue());
                if (i >= 0) t.get(e.getKey())[i] = v;
            }
        }
        if (!xb.castTo(DataType.FLOAT).equalsWithEps(c.x, 1e-2 * c.x.amaxNumber().doubleValue())) {
            throw new IllegalStateException("assign did not convert float32 to bfloat16");
        }
        Map<String, Double> r = new LinkedHashMap<>();
        t.forEach((k, v) -> r.put(k, median(v)));
        return r;
    }
}
