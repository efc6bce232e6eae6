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

/**
 * Decodes every file of a folder once, on a few threads, and appends the images to a cache in file order.
 *
 * <p>Files are decoded in parallel but written in order, through a bounded window of pending decodes:
 * the cache order is the sorted file order whatever the thread timing, and at most a few dozen decoded
 * images wait in memory however large the folder is.
 */
final class CacheBuilder {
    private static final int PENDING_PER_THREAD = 8;

    /** What did not make it into the cache. */
    record Skips(int count, String first) {
    }

    private CacheBuilder() {
    }

    static Skips build(List<ImageFile> files, ImageDecoder decoder, CacheWriter writer, int threads,
                       ProgressListener progress) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            ArrayDeque<Future<Decoded>> pending = new ArrayDeque<>();
            int submitted = 0;
            int done = 0;
            int skipped = 0;
            String firstSkipped = "";
            while (done < files.size()) {
                while (submitted < files.size() && pending.size() < threads * PENDING_PER_THREAD) {
                    ImageFile file = files.get(submitted++);
                    pending.add(pool.submit(() -> decode(decoder, file)));
                }
                Decoded decoded = next(pending);
                if (decoded.pixels() != null) {
                    writer.append(decoded.pixels());
                } else {
                    if (skipped == 0) {
                        firstSkipped = decoded.file().relativePath() + ": " + decoded.reason();
                    }
                    skipped++;
                }
                progress.decoded(++done, files.size());
            }
            return new Skips(skipped, firstSkipped);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One file's outcome: pixels, or the reason there are none. */
    private record Decoded(ImageFile file, byte[] pixels, String reason) {
    }

    private static Decoded decode(ImageDecoder decoder, ImageFile file) {
        try {
            return new Decoded(file, decoder.decode(file.path()), null);
        } catch (UnreadableImageException e) {
            return new Decoded(file, null, e.getMessage());
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
