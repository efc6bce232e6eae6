package io.gannotebooks.data;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decodes every image of a source (the files of a folder, the bitmaps of a font) once, on a few threads,
 * and appends them to a cache in source order.
 *
 * <p>Images are decoded in parallel but written in order, through a bounded window of pending decodes:
 * the cache order is the source order whatever the thread timing, and at most a few dozen decoded
 * images wait in memory however large the source is.
 */
final class CacheBuilder {
    private static final int PENDING_PER_THREAD = 8;

    /**
     * One item that did not make it into the cache, and why.
     *
     * @param name   how the item is named: a relative path, "glyph 12"
     * @param kind   the category counted in the summary, {@link UnreadableImageException#kind()}
     * @param reason the short reason shown to the user
     */
    record Skip(String name, String kind, String reason) {
        /** "cats/bad.jpg: damaged (Premature end of JPEG file)". */
        @Override
        public String toString() {
            return name + ": " + reason;
        }
    }

    /** One item of a source to side x side RGB bytes, channel first; may run on any decoding thread. */
    @FunctionalInterface
    interface Decoding<T> {
        byte[] decode(T item) throws UnreadableImageException;
    }

    private CacheBuilder() {
    }

    /** "3 damaged, 1 empty": how many items were skipped for each kind of reason, most frequent first. */
    static String countByKind(List<Skip> skips) {
        Map<String, Long> counts = skips.stream().collect(Collectors.groupingBy(Skip::kind, TreeMap::new,
                Collectors.counting()));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(entry -> entry.getValue() + " " + entry.getKey())
                .collect(Collectors.joining(", "));
    }

    /**
     * Appends the decodable items to {@code writer}; returns the others, in source order.
     *
     * @param items    what to decode, in cache order
     * @param names    how a skipped item is named in the skip report (a relative path, "glyph 12")
     * @param decoding turns one item into pixels
     */
    static <T> List<Skip> build(List<T> items, Function<T, String> names, Decoding<T> decoding, CacheWriter writer,
                                int threads, ProgressListener progress) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            ArrayDeque<Future<Decoded>> pending = new ArrayDeque<>();
            int submitted = 0;
            int done = 0;
            List<Skip> skipped = new ArrayList<>();
            while (done < items.size()) {
                while (submitted < items.size() && pending.size() < threads * PENDING_PER_THREAD) {
                    T item = items.get(submitted++);
                    pending.add(pool.submit(() -> decode(decoding, item, names)));
                }
                Decoded decoded = next(pending);
                if (decoded.pixels() != null) {
                    writer.append(decoded.pixels());
                } else {
                    skipped.add(decoded.skip());
                }
                progress.decoded(++done, items.size());
            }
            return skipped;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One item's outcome: pixels, or why there are none. */
    private record Decoded(byte[] pixels, Skip skip) {
    }

    private static <T> Decoded decode(Decoding<T> decoding, T item, Function<T, String> names) {
        try {
            return new Decoded(decoding.decode(item), null);
        } catch (UnreadableImageException e) {
            return new Decoded(null, new Skip(names.apply(item), e.kind(), e.getMessage()));
        }
    }

    private static Decoded next(ArrayDeque<Future<Decoded>> pending) throws InterruptedException {
        try {
            return pending.poll().get();
        } catch (ExecutionException e) {
            // decode() turns every exception into a skip, so only errors (out of memory) arrive here
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("image decoding failed unexpectedly", e.getCause());
        }
    }

    /** Daemon threads, so an abandoned open never keeps the JVM (or a notebook kernel) alive. */
    private static ThreadFactory daemonThreads() {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "image-decoder-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
