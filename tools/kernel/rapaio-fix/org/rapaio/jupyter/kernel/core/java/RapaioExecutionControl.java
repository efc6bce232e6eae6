package org.rapaio.jupyter.kernel.core.java;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.SPIResolutionException;

/**
 * Drop-in replacement for rapaio-jupyter-kernel 3.0.1's {@code RapaioExecutionControl}, put ahead of its jar on the
 * kernel's classpath by tools/install-kernel.sh.
 *
 * <p>The original answers the notebook's stop button (interrupt_request) by cancelling the snippet's future, so
 * {@code invoke} returns "interrupted" at once while the cell's code goes on running in its thread; it also shuts the
 * executor down there (JShell's {@code stop()} means "stop the running snippet", not "close"). The kernel then
 * replies to the cell before its code has stopped: whatever the code prints on its way out (the training's "stopped at
 * iteration N" line) goes to the kernel's log, not the cell. Here an interrupt sets the snippet's thread's interrupt
 * flag, and {@code invoke} waits until the code has returned, its output still going to the cell; then, if the code
 * returned normally, it reports the interruption as before (INTERRUPTED_MARKER), so the cell ends in error and a Run All
 * stops there. Code that ignores interrupts runs on, as Python code that swallows KeyboardInterrupt does: restart the
 * kernel. Closing JShell (kernel shutdown or restart) interrupts the running snippet and ends the executor.
 */
public class RapaioExecutionControl extends DirectExecutionControl {

    public static final String TIMEOUT_MARKER = "## Timeout Marker ##";
    public static final String INTERRUPTED_MARKER = "## Interrupted Marker ##";
    private static final AtomicInteger ID = new AtomicInteger(0);

    /** One snippet's run: the thread running it, once it runs, and whether it was asked to stop. */
    private static final class Run {
        private Thread thread;
        private boolean interrupted;

        synchronized void started() {
            thread = Thread.currentThread();
            if (interrupted) {
                thread.interrupt();   // the stop button came before the thread did
            }
        }

        synchronized void ended() {
            thread = null;
            Thread.interrupted();     // the pool's thread starts the next snippet with a clear flag
        }

        synchronized void interrupt() {
            interrupted = true;
            if (thread != null) {
                thread.interrupt();
            }
        }

        synchronized boolean wasInterrupted() {
            return interrupted;
        }
    }

    private final ExecutorService executor;
    private final long timeoutTime;
    private final ConcurrentMap<String, Run> running = new ConcurrentHashMap<>();
    private final Map<String, Object> results = new ConcurrentHashMap<>();

    public RapaioExecutionControl(long timeoutTime) {
        this.timeoutTime = timeoutTime;
        this.executor = Executors.newCachedThreadPool(r -> new Thread(r, "Engine-thread-" + ID.getAndIncrement()));
    }

    public long getTimeout() {
        return timeoutTime;
    }

    public Object takeResult(String key) {
        Object result = results.remove(key);
        if (result == null) {
            throw new IllegalStateException("No result with key: " + key);
        }
        return result;
    }

    @Override
    protected String invoke(Method methodCall) throws Exception {
        String id = UUID.randomUUID().toString();
        Object value = execute(id, methodCall);
        results.put(id, value);
        return id;
    }

    private Object execute(String id, Method methodCall) throws Exception {
        Run run = new Run();
        running.put(id, run);
        try {
            Future<Object> task = executor.submit(() -> {
                run.started();
                try {
                    return methodCall.invoke(null);
                } finally {
                    run.ended();
                }
            });
            Object value;
            try {
                // no cancel(): waiting for the task is waiting for the cell's code itself to return
                value = timeoutTime > 0 ? task.get(timeoutTime, TimeUnit.MILLISECONDS) : task.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof InvocationTargetException) {
                    cause = cause.getCause();
                }
                if (cause == null) {
                    throw new UserException("null", "Unknown Invocation Exception", e.getStackTrace());
                } else if (cause instanceof SPIResolutionException spiResCause) {
                    throw new ResolutionException(spiResCause.id(), cause.getStackTrace());
                } else {
                    throw new UserException(cause.getMessage(), cause.getClass().getName(), cause.getStackTrace());
                }
            } catch (TimeoutException e) {
                throw new UserException("Execution timed out", TIMEOUT_MARKER, e.getStackTrace());
            }
            if (run.wasInterrupted()) {
                throw new UserException("Execution interrupted.", INTERRUPTED_MARKER, new StackTraceElement[0]);
            }
            return value;
        } finally {
            running.remove(id, run);
        }
    }

    public void interrupt() {
        running.values().forEach(Run::interrupt);
    }

    /** JShell's "stop the running snippet" (JShell.stop()): an interrupt, the executor stays usable. */
    @Override
    public void stop() {
        interrupt();
    }

    @Override
    public void close() {
        interrupt();
        executor.shutdown();
        super.close();
    }
}
