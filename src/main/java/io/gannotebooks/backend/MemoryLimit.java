package io.gannotebooks.backend;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory the machine or container this process runs in allows: what the process's own limits were
 * sized from, and what a refusal names ("this container allows 2.0 GB"), so that a user in a Binder pod
 * learns it is the pod's limit and not the library's that stops a batch.
 *
 * <p>{@code ./gan} finds it in the cgroup files (and physical memory) and passes it as
 * {@value #BYTES_PROPERTY} and {@value #SOURCE_PROPERTY}. Without them (a notebook kernel, a test) the
 * JVM's own view is taken: it reads the cgroup limit too, and a total below the kernel's MemTotal means a
 * container.
 *
 * @param bytes     the memory allowed
 * @param container true for a cgroup limit below the machine's memory, false for the machine's memory
 */
public record MemoryLimit(long bytes, boolean container) {
    public static final String BYTES_PROPERTY = "gan.memory.limit";
    public static final String SOURCE_PROPERTY = "gan.memory.source";
    private static final Pattern MEM_TOTAL = Pattern.compile("(?m)^MemTotal:\\s+(\\d+) kB");

    /** As the launcher passed it, else as this JVM sees it; empty if neither says. */
    public static Optional<MemoryLimit> ofThisProcess() {
        Optional<MemoryLimit> passed = fromProperties(System.getProperty(BYTES_PROPERTY), System.getProperty(SOURCE_PROPERTY));
        if (passed.isPresent()) {
            return passed;
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.OperatingSystemMXBean sun)) {
            return Optional.empty();
        }
        return fromJvm(sun.getTotalMemorySize(), machineBytes(Path.of("/proc/meminfo")));
    }

    /** The launcher's figures ("2000000000", "container"), if both are there and make sense. */
    static Optional<MemoryLimit> fromProperties(String bytes, String source) {
        if (bytes == null || source == null || !(source.equals("container") || source.equals("machine"))) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(bytes.strip());
            return value > 0 ? Optional.of(new MemoryLimit(value, source.equals("container"))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** What the JVM reports as total memory (a container's limit inside one), told apart by MemTotal. */
    static Optional<MemoryLimit> fromJvm(long jvmTotal, long machine) {
        if (jvmTotal <= 0) {
            return Optional.empty();
        }
        return Optional.of(new MemoryLimit(jvmTotal, machine > 0 && jvmTotal < machine));
    }

    /** MemTotal from {@code meminfo} in bytes; 0 when it cannot be read (not Linux). */
    static long machineBytes(Path meminfo) {
        try {
            Matcher m = MEM_TOTAL.matcher(Files.readString(meminfo));
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** "this container allows 2.0 GB" or "this machine has 25.3 GB". */
    public String describe() {
        String size = String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        return container ? "this container allows " + size : "this machine has " + size;
    }
}
