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
import java.util.stream.Collectors;

/**
 * Decodes every file of a folder once, on a few threads, and appends the images to a cache in file order.
 *
 * <p>Files are decoded in parallel but written in order, through a bounded window of pending decodes:
 * the cache order is the sorted file order whatever the thread timing, and at most a few dozen decoded
 * images wait in memory however large the folder is.
 */
final class CacheBuilder {
    private static final int PENDING_PER_THREAD = 8;

    /** One file that did not make it into the cache, and why. */
    record Skip(String relativePath, String kind, String reason) {
        /** "cats/bad.jpg: damaged (Premature end of JPEG file)". */
        @Override
        public String toString() {
            return relativePath + ": " + reason;
        }
    }

    private CacheBuilder() {
    }

    /** "3 damaged, 1 empty": how many files were skipped for each kind of reason, most frequent first. */
    static String countByKind(List<Skip> skips) {
        Map<String, Long> counts = skips.stream().collect(Collectors.groupingBy(Skip::kind, TreeMap::new,
                Collectors.counting()));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(entry -> entry.getValue() + " " + entry.getKey())
                .collect(Collectors.joining(", "));
    }

    /** Appends the readable files to {@code writer}; returns the others, in file order. */
    static List<Skip> build(List<ImageFile> files, ImageDecoder decoder, CacheWriter writer, int threads,
                       ProgressListener progress) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            ArrayDeque<Future<Decoded>> pending = new ArrayDeque<>();
            int submitted = 0;
            int done = 0;
            List<Skip> skipped = new ArrayList<>();
            while (done < files.size()) {
                while (submitted < files.size() && pending.size() < threads * PENDING_PER_THREAD) {
                    ImageFile file = files.get(submitted++);
                    pending.add(pool.submit(() -> decode(decoder, file)));
                }
                Decoded decoded = next(pending);
                if (decoded.pixels() != null) {
                    writer.append(decoded.pixels());
                } else {
                    skipped.add(decoded.skip());
                }
                progress.decoded(++done, files.size());
            }
            return skipped;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One file's outcome: pixels, or why there are none. */
    private record Decoded(byte[] pixels, Skip skip) {
    }

    private static Decoded decode(ImageDecoder decoder, ImageFile file) {
        try {
            return new Decoded(decoder.decode(file.path()), null);
        } catch (UnreadableImageException e) {
            return new Decoded(null, new Skip(file.relativePath(), e.kind(), e.getMessage()));
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
