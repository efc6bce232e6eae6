package org.rapaio.jupyter.kernel.channels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ShellExecuteRequest;
import org.rapaio.org.zeromq.SocketType;
import org.rapaio.org.zeromq.ZMQ;

/**
 * Drop-in replacement for rapaio-jupyter-kernel 3.0.1's {@code ShellChannel}, put ahead of its jar on the kernel's
 * classpath by tools/install-kernel.sh. One change (marked "fix:"): the original ignores execute_request's
 * {@code stop_on_error}, so after a failed cell a notebook's Run All went on running every cell queued behind it, each
 * failing for want of the first (20 error boxes below the one message that mattered). Here, when an execute_request
 * with {@code stop_on_error} ends in error (an interrupted cell included), the execute_requests already queued are
 * answered "aborted" without running, until the socket has been quiet for {@link #QUIET_MS} ms, as ipykernel aborts
 * its queue; this happens before the failed cell's own reply goes out. Other requests (kernel_info, complete, ...)
 * read meanwhile are handled after that reply, as usual.
 */
public final class ShellChannel extends AbstractChannel {

    private static final Logger LOGGER = Logger.getLogger(ShellChannel.class.getSimpleName());
    private static final long LOOP_SLEEP = 50;
    /** How long the queue must stay empty before aborting ends (requests of a Run All arrive within milliseconds). */
    private static final long QUIET_MS = 100;
    private static final AtomicInteger ID = new AtomicInteger();

    private final Channels connection;
    private volatile LoopThread loopThread;

    public ShellChannel(Channels channels, ZMQ.Context context, HMACDigest hmacGenerator, Channels connection) {
        super(channels, "ShellChannel", context, SocketType.ROUTER, hmacGenerator);
        this.connection = connection;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void bind(ConnectionProperties connProps) {
        if (loopThread != null) {
            throw new IllegalStateException("Channel already bound.");
        }

        String channelThreadName = "Shell-" + ID.getAndIncrement();
        String addr = connProps.formatAddress(connProps.shellPort());

        LOGGER.info(logPrefix + "Binding to " + addr);
        socket.bind(addr);

        ZMQ.Poller poller = ctx.poller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);

        this.loopThread = new LoopThread(channelThreadName, LOOP_SLEEP, () -> {
            int events = poller.poll(0);
            if (events > 0) {
                handle(readMessage(), poller);
            }
        });
        loopThread.start();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void handle(Message<?> message, ZMQ.Poller poller) {
        var type = message.header().type();
        MessageHandler handler = connection.getHandler(type);
        if (handler != null) {
            LOGGER.info(logPrefix + "Handling message: " + type.name());
            connection.setMsgId(message.getId());
            List<Message<?>> later = List.of();
            try {
                channels.takeExecuteFailed();
                handler.handle(message);
                // fix: stop_on_error. Before the failed cell's own reply (its after-actions), so that no client can
                // have sent a request in answer to that reply yet: only requests sent before the failure are aborted.
                if (message.content() instanceof ShellExecuteRequest request && request.stopOnError()
                        && channels.takeExecuteFailed()) {
                    later = abortQueued(poller);
                }
            } catch (Exception e) {
                LOGGER.severe(logPrefix + "Exception handling " + type.name() + ". " +
                        e.getClass().getSimpleName() + ": " + e.getLocalizedMessage());
            } finally {
                channels.runAfterActions();
            }
            if (channels.isMarkedForShutdown()) {
                LOGGER.info(logPrefix + "Shutting down connection marked for shutdown.");
                connection.close();
            }
            later.forEach(m -> handle(m, poller));
        } else {
            LOGGER.severe(logPrefix + "Unhandled message: " + type.name());
        }
    }

    /** fix: answers the queued execute_requests "aborted"; returns the other requests, to handle afterwards. */
    private List<Message<?>> abortQueued(ZMQ.Poller poller) {
        List<Message<?>> others = new ArrayList<>();
        int aborted = 0;
        while (!closed && poller.poll(QUIET_MS) > 0) {
            Message<?> message = readMessage();
            if (message == null) {
                break;
            }
            if (message.header().type() == MessageType.SHELL_EXECUTE_REQUEST) {
                channels.replyAborted(message.getId());
                aborted++;
            } else {
                others.add(message);
            }
        }
        LOGGER.info(logPrefix + "Aborted " + aborted + " queued execute_request(s) after an error (stop_on_error).");
        return others;
    }

    @Override
    public void close() {
        if (loopThread != null) {
            loopThread.shutdown();
        }
        super.close();
    }

    @Override
    public void joinUntilClose() {
        if (loopThread != null) {
            try {
                loopThread.join();
            } catch (InterruptedException ignored) {
            }
        }
    }

}
