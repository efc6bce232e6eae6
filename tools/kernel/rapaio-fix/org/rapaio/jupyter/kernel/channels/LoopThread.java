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
 *   <li>Even without the exception, a {@code kernel_info_request} read while {@code Channels.connect} is still
 *   filling its handler map finds no handler and is dropped ("Unhandled message: kernel_info_request"). nbclient
 *   asks again every second, but Jupyter Notebook's server asks once and waits 60 s before it nudges: every
 *   notebook opened in a browser sat on "Connecting to kernel" for a minute (seen by the browser test). Here a
 *   channel thread started from {@code Channels.connect} reads nothing until that call has returned, so the
 *   request waits in its socket until its handler exists.</li>
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

    private volatile Thread starter;

    @Override
    public void run() {
        awaitConnected();
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
        starter = Thread.currentThread();
        super.start();
    }

    /** Waits (at most 10 s) until the thread that started this one has left {@code Channels.connect}. */
    private void awaitConnected() {
        Thread t = starter;
        long end = System.nanoTime() + 10_000_000_000L;
        while (t != null && t.isAlive() && insideConnect(t) && System.nanoTime() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    private static boolean insideConnect(Thread t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().equals("org.rapaio.jupyter.kernel.channels.Channels")
                    && frame.getMethodName().equals("connect")) {
                return true;
            }
        }
        return false;
    }

    public void shutdown() {
        running = false;
    }
}
