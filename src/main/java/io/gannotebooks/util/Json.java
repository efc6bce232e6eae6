package io.gannotebooks.util;

/** The little JSON the library writes (evaluation.json, run.json): strings quoted and escaped, by hand. */
public final class Json {
    private Json() {
    }

    /** {@code s} as a JSON string literal, quotes included. */
    public static String text(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
