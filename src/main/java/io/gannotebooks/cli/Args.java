package io.gannotebooks.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** "--name value" options and "--flag" switches, checked against what a command accepts. */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private Args() {
    }

    static Args parse(List<String> argv, Set<String> valueOptions, Set<String> flagOptions) {
        Args a = new Args();
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            if (valueOptions.contains(name)) {
                String value = inline;
                if (value == null) {
                    if (i + 1 >= argv.size()) {
                        throw new UsageException("option " + name + " needs a value");
                    }
                    value = argv.get(++i);
                }
                if (a.values.put(name, value) != null) {
                    throw new UsageException("option " + name + " given twice");
                }
            } else if (flagOptions.contains(name) && inline == null) {
                a.flags.add(name);
            } else {
                throw new UsageException("unknown option '" + arg + "'");
            }
        }
        return a;
    }

    boolean has(String name) {
        return values.containsKey(name) || flags.contains(name);
    }

    /** The option's text; one given as "" is a mistake (an unset shell variable), never a value. */
    String string(String name, String fallback) {
        String v = values.get(name);
        if (v != null && v.isBlank()) {
            throw new UsageException(name + " must not be empty");
        }
        return v == null ? fallback : v;
    }

    long longValue(String name, long fallback, long min, long max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, got '" + v + "'");
        }
        if (parsed < min || parsed > max) {
            throw new UsageException(name + " must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    int intValue(String name, int fallback, int min, int max) {
        return (int) longValue(name, fallback, min, max);
    }

    double doubleValue(String name, double fallback, double min, double max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number, got '" + v + "'");
        }
        if (!(parsed >= min && parsed <= max)) {
            // a lower bound of Double.MIN_NORMAL means "above 0", not 2.2250738585072014E-308
            String low = min == Double.MIN_NORMAL ? "above 0" : "at least " + readable(min);
            throw new UsageException(name + " must be " + low + " and at most " + readable(max) + ", got " + v);
        }
        return parsed;
    }

    private static String readable(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * The option's text read by {@code parser} ({@code fallback} without the option); what the parser refuses
     * with an {@link IllegalArgumentException} becomes one usage line naming the option ("--augment: …").
     */
    <T> T parsed(String name, T fallback, Function<String, T> parser) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
    }

    Path path(String name, String fallback) {
        String v = values.getOrDefault(name, fallback);
        if (v == null) {
            return null;
        }
        if (v.isBlank()) {
            throw new UsageException(name + " must not be empty");
        }
        try {
            return Path.of(v);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException(name + " is not a valid path: " + v);
        }
    }
}
