package org.rapaio.jupyter.kernel.channels;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.Stack;

import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageId;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ErrorReply;
import org.rapaio.jupyter.kernel.message.messages.IOPubStatus;
import org.rapaio.jupyter.kernel.message.messages.IOPubStream;
import org.rapaio.org.zeromq.ZMQ;

/**
 * Drop-in replacement for rapaio-jupyter-kernel 3.0.1's {@code Channels}, put ahead of its jar on the kernel's
 * classpath by tools/install-kernel.sh. Two changes, marked "fix:" below:
 * <ol>
 *   <li>The original keeps one parent message id and one stack of after-actions for the shell and the control
 *   channel together. The stop button's interrupt_request, handled on the control thread while a cell runs, replaced
 *   the cell's id (the cell's later output and its execute_reply went out as children of the interrupt, so the
 *   notebook never saw the cell end: its prompt stayed [*]) and ran the cell's pending after-actions (its reply, its
 *   idle status, the unbinding of its output) at once. Here the control thread has an id and a stack of its own,
 *   and its replies go out on the control socket, as the protocol has them.</li>
 *   <li>{@link #publish} notes a request that published an error (a failed cell), so that {@link ShellChannel}
 *   can honour its {@code stop_on_error} (which the original ignores) with {@link #replyAborted}.</li>
 * </ol>
 */
@SuppressWarnings( {"unchecked", "rawtypes"})
public final class Channels {

    private final ConnectionProperties connProps;

    private final ZMQ.Context ctx;

    private final HeartbeatChannel heartbeat;
    private final ShellChannel shell;
    private final ControlChannel control;
    private final StdinChannel stdin;
    private final IOPubChannel iopub;

    private final Set<AbstractChannel> channels;
    private final Stack<Runnable> afterActions = new Stack<>();

    private Map<MessageType<?>, MessageHandler> handlers;
    // fix: the shell's request (engine threads print and display under it) and the control thread's, apart
    private volatile MessageId<?> msgId;
    private volatile Thread controlThread;
    private MessageId<?> controlMsgId;
    private final Stack<Runnable> controlAfterActions = new Stack<>();
    private volatile boolean executeFailed;

    private boolean isConnected = false;
    private boolean requestShutdown = false;

    public Channels(ConnectionProperties connProps) throws NoSuchAlgorithmException, InvalidKeyException {
        this.connProps = connProps;
        ctx = ZMQ.context(1);

        HMACDigest hmacDigest = connProps.createHMACDigest();

        heartbeat = new HeartbeatChannel(this, ctx, hmacDigest);
        shell = new ShellChannel(this, ctx, hmacDigest, this);
        control = new ControlChannel(this, ctx, hmacDigest);
        stdin = new StdinChannel(this, ctx, hmacDigest);
        iopub = new IOPubChannel(this, ctx, hmacDigest);

        channels = Set.of(heartbeat, shell, control, stdin, iopub);
    }

    public void connect(RapaioKernel kernel) {
        if (!isConnected) {
            channels.forEach(s -> s.bind(connProps));
            iopub.sendMessage(new Message<>(MessageType.IOPUB_STATUS, IOPubStatus.STARTING));
            kernel.registerChannels(this);

            handlers = new HashMap<>();
            handlers.put(MessageType.SHELL_EXECUTE_REQUEST, kernel::handleExecuteRequest);
            handlers.put(MessageType.SHELL_INSPECT_REQUEST, kernel::handleInspectRequest);
            handlers.put(MessageType.SHELL_COMPLETE_REQUEST, kernel::handleCompleteRequest);
            handlers.put(MessageType.SHELL_HISTORY_REQUEST, kernel::handleHistoryRequest);
            handlers.put(MessageType.SHELL_IS_COMPLETE_REQUEST, kernel::handleIsCompleteRequest);
            handlers.put(MessageType.SHELL_KERNEL_INFO_REQUEST, kernel::handleKernelInfoRequest);
            handlers.put(MessageType.CONTROL_SHUTDOWN_REQUEST, kernel::handleShutdownRequest);
            handlers.put(MessageType.CONTROL_INTERRUPT_REQUEST, kernel::handleInterruptRequest);
            handlers.put(MessageType.CUSTOM_COMM_OPEN, kernel::handleCommOpenCommand);
            handlers.put(MessageType.CUSTOM_COMM_MSG, kernel::handleCommMsgCommand);
            handlers.put(MessageType.CUSTOM_COMM_CLOSE, kernel::handleCommCloseCommand);
            handlers.put(MessageType.SHELL_COMM_INFO_REQUEST, kernel::handleCommInfoRequest);

            isConnected = true;
        }
    }

    public <T> MessageHandler<T> getHandler(MessageType<T> type) {
        return handlers.get(type);
    }

    public void close() {
        channels.forEach(AbstractChannel::close);
        ctx.close();
    }

    public void joinUntilClose() {
        channels.forEach(AbstractChannel::joinUntilClose);
    }

    public boolean hasMsgId() {
        return currentMsgId() != null;
    }

    public void setMsgId(MessageId<?> msgId) {
        if (controlThread == null && calledFromControlChannel()) {
            controlThread = Thread.currentThread();
        }
        if (onControl()) {
            this.controlMsgId = msgId;
        } else {
            this.msgId = msgId;
        }
    }

    public void freeMsgId() {
        if (onControl()) {
            this.controlMsgId = null;
        } else {
            this.msgId = null;
        }
    }

    private boolean onControl() {
        return Thread.currentThread() == controlThread;
    }

    private MessageId<?> currentMsgId() {
        return onControl() ? controlMsgId : msgId;
    }

    private Stack<Runnable> currentAfterActions() {
        return onControl() ? controlAfterActions : afterActions;
    }

    private static boolean calledFromControlChannel() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                f -> f.getClassName().startsWith(ControlChannel.class.getName())));
    }

    /** Whether the shell's request published an error since the last call (the shell thread asks). */
    boolean takeExecuteFailed() {
        boolean failed = executeFailed;
        executeFailed = false;
        return failed;
    }

    /**
     * Answers an execute_request with status "aborted" (not run: an earlier cell failed), between its own busy and
     * idle, as ipykernel does; the current request's id and after-actions are left alone.
     */
    void replyAborted(MessageId<?> id) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("status", "aborted");
        iopub.sendMessage(new Message<>(id, MessageType.IOPUB_STATUS, IOPubStatus.BUSY));
        shell.sendMessage(new Message(id, MessageType.SHELL_EXECUTE_REPLY, content));
        iopub.sendMessage(new Message<>(id, MessageType.IOPUB_STATUS, IOPubStatus.IDLE));
    }

    public void markForShutdown() {
        requestShutdown = true;
    }

    public boolean isMarkedForShutdown() {
        return requestShutdown;
    }

    public void writeToStdOut(String msg) {
        publish(new IOPubStream(IOPubStream.StreamName.OUT, msg));
    }

    public void writeToStdErr(String msg) {
        publish(new IOPubStream(IOPubStream.StreamName.ERR, msg));
    }

    public String readFromStdIn() {
        return stdin.getInput(msgId, "", false);
    }

    public <T extends ContentType<T>> void publish(T content) {
        if (content.type() == MessageType.IOPUB_ERROR && !onControl()) {
            executeFailed = true;   // fix: the kernel publishes a failed cell's error before its reply
        }
        iopub.sendMessage(new Message<>(currentMsgId(), content.type(), content));
    }

    public <T extends ContentType<T>> void reply(T content) {
        (onControl() ? control : shell).sendMessage(new Message<>(currentMsgId(), content.type(), content));
    }

    public void replyError(MessageType<?> type, ErrorReply error) {
        (onControl() ? control : shell).sendMessage(new Message(currentMsgId(), type, error));
    }

    public void scheduleAfter(Runnable action) {
        currentAfterActions().push(action);
    }

    public void runAfterActions() {
        Stack<Runnable> actions = currentAfterActions();
        while (!actions.isEmpty()) {
            actions.pop().run();
        }
    }

    public void busyThenIdle() {
        publish(IOPubStatus.BUSY);
        scheduleAfter(() -> publish(IOPubStatus.IDLE));
    }
}
