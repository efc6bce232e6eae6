package org.rapaio.jupyter.kernel.channels;

/**
 * Drop-in replacement for rapaio-jupyter-kernel 3.0.1's {@code LoopThread}, put ahead of its jar on
 * the kernel's classpath by tools/install-kernel.sh.
 *
 * <p>Two start-up races each leave the kernel alive but deaf (it never answers {@code kernel_info};
 * measured here in 4 of 20 starts):
 * <ol>
 *   <li>The original {@code start()} calls {@code Thread.start()} and only then sets {@code running}.
 *   A thread scheduled at once reads {@code false} and returns: that channel is gone. Here the flag is
 *   set first.</li>
 *   <li>{@code Channels.connect} starts the channel threads before it creates its handler map, so a
 *   {@code kernel_info_request} arriving in between throws a NullPointerException that ends the shell
 *   thread. Here a failing loop iteration is logged and the loop goes on; the client repeats
 *   {@code kernel_info} every second, so the lost request costs nothing. Only a persistent failure
 *   (many in a row, e.g. a closed socket) still ends the thread, as before.</li>
 * </ol>
 * Same constructor and methods as the original, which the shell, control and heartbeat channels call.
 */
public final class LoopThread extends Thread {
    private static final int MAX_CONSECUTIVE_FAILURES = 100;

    private volatile boolean running = false;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        int failures = 0;
        while (running) {
            try {
                loopBody.run();
                failures = 0;
            } catch (RuntimeException e) {
                if (++failures >= MAX_CONSECUTIVE_FAILURES) {
                    throw e;
                }
                System.err.println(getName() + ": loop iteration failed, continuing: " + e);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true; // before the thread exists, so its first check cannot miss it
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
