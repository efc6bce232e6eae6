package io.gannotebooks.data;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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

    /** What did not make it into the cache. */
    record Skips(int count, String first) {
    }

    /** One item of a source to side x side RGB bytes, channel first; may run on any decoding thread. */
    @FunctionalInterface
    interface Decoding<T> {
        byte[] decode(T item) throws UnreadableImageException;
    }

    private CacheBuilder() {
    }

    /**
     * @param items    what to decode, in cache order
     * @param names    how a skipped item is named in the skip report (a relative path, "glyph 12")
     * @param decoding turns one item into pixels
     */
    static <T> Skips build(List<T> items, Function<T, String> names, Decoding<T> decoding, CacheWriter writer,
                           int threads, ProgressListener progress) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            ArrayDeque<Future<Decoded>> pending = new ArrayDeque<>();
            int submitted = 0;
            int done = 0;
            int skipped = 0;
            String firstSkipped = "";
            while (done < items.size()) {
                while (submitted < items.size() && pending.size() < threads * PENDING_PER_THREAD) {
                    T item = items.get(submitted++);
                    pending.add(pool.submit(() -> decode(decoding, item, names)));
                }
                Decoded decoded = next(pending);
                if (decoded.pixels() != null) {
                    writer.append(decoded.pixels());
                } else {
                    if (skipped == 0) {
                        firstSkipped = decoded.name() + ": " + decoded.reason();
                    }
                    skipped++;
                }
                progress.decoded(++done, items.size());
            }
            return new Skips(skipped, firstSkipped);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One item's outcome: pixels, or the reason there are none. */
    private record Decoded(String name, byte[] pixels, String reason) {
    }

    private static <T> Decoded decode(Decoding<T> decoding, T item, Function<T, String> names) {
        try {
            return new Decoded(null, decoding.decode(item), null);
        } catch (UnreadableImageException e) {
            return new Decoded(names.apply(item), null, e.getMessage());
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
