package io.gannotebooks.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * One row per iteration: iteration, epoch, loss_d, loss_g, d_real, d_fake, d_fake_after, r1, seconds.
 * Kept as a Tablesaw table so notebooks can filter, summarise and plot it directly.
 * CSV numbers are written with {@link Double#toString}, which reads back to the identical double.
 */
public final class TrainingHistory {
    public static final String HEADER = "iteration,epoch,loss_d,loss_g,d_real,d_fake,d_fake_after,r1,seconds";
    /** The header of histories written before R1 existed: no r1 column, read as 0. */
    static final String HEADER_BEFORE_R1 = "iteration,epoch,loss_d,loss_g,d_real,d_fake,d_fake_after,seconds";

    private final Table table;

    public TrainingHistory() {
        this.table = Table.create("history",
                LongColumn.create("iteration"), LongColumn.create("epoch"),
                DoubleColumn.create("loss_d"), DoubleColumn.create("loss_g"),
                DoubleColumn.create("d_real"), DoubleColumn.create("d_fake"),
                DoubleColumn.create("d_fake_after"), DoubleColumn.create("r1"), DoubleColumn.create("seconds"));
    }

    public void add(StepResult r) {
        table.longColumn("iteration").append(r.iteration());
        table.longColumn("epoch").append(r.epoch());
        table.doubleColumn("loss_d").append(r.lossD());
        table.doubleColumn("loss_g").append(r.lossG());
        table.doubleColumn("d_real").append(r.dReal());
        table.doubleColumn("d_fake").append(r.dFake());
        table.doubleColumn("d_fake_after").append(r.dFakeAfter());
        table.doubleColumn("r1").append(r.r1());
        table.doubleColumn("seconds").append(r.seconds());
    }

    public int size() {
        return table.rowCount();
    }

    public StepResult row(int i) {
        return new StepResult(table.longColumn("iteration").getLong(i), table.longColumn("epoch").getLong(i),
                table.doubleColumn("loss_d").getDouble(i), table.doubleColumn("loss_g").getDouble(i),
                table.doubleColumn("d_real").getDouble(i), table.doubleColumn("d_fake").getDouble(i),
                table.doubleColumn("d_fake_after").getDouble(i), table.doubleColumn("r1").getDouble(i),
                table.doubleColumn("seconds").getDouble(i));
    }

    public List<StepResult> rows() {
        List<StepResult> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(row(i));
        }
        return out;
    }

    /** Seconds of the last row, 0 when empty: a resumed run's clock continues from here. */
    public double lastSeconds() {
        return size() == 0 ? 0 : table.doubleColumn("seconds").getDouble(size() - 1);
    }

    /** The underlying table (live: changes as training goes on). */
    public Table table() {
        return table;
    }

    public static String csvLine(StepResult r) {
        return r.iteration() + "," + r.epoch() + "," + r.lossD() + "," + r.lossG() + "," + r.dReal() + ","
                + r.dFake() + "," + r.dFakeAfter() + "," + r.r1() + "," + r.seconds();
    }

    public void write(Path file) {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        for (StepResult r : rows()) {
            s.append(csvLine(r)).append('\n');
        }
        try {
            Files.writeString(file, s, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a history.csv written by {@link #write} or by a training run. */
    public static TrainingHistory read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        boolean withR1 = !lines.isEmpty() && lines.get(0).trim().equals(HEADER);
        if (!withR1 && (lines.isEmpty() || !lines.get(0).trim().equals(HEADER_BEFORE_R1))) {
            throw new IOException(file + " is not a training history (expected header '" + HEADER + "')");
        }
        int fields = withR1 ? 9 : 8;
        TrainingHistory h = new TrainingHistory();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != fields) {
                throw new IOException(file + " line " + (n + 1) + ": expected " + fields + " fields, found " + f.length);
            }
            try {
                h.add(new StepResult(Long.parseLong(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                        Double.parseDouble(f[6]), withR1 ? Double.parseDouble(f[7]) : 0,
                        Double.parseDouble(f[fields - 1])));
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (n + 1) + ": " + e.getMessage());
            }
        }
        return h;
    }
}
