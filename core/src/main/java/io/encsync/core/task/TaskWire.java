package io.encsync.core.task;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.LogText;
import io.encsync.core.aws.IssuedKey;
import io.encsync.core.keys.SecretBytes;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What travels back from the JVM that ran a task to the one that asked for it: JDK types only.
 *
 * <p>Why: a Jenkins controller deserializes an agent's reply through its class filter (JEP-200),
 * which accepts classes of Jenkins core, of plugin jars, and a list of JDK classes, and refuses the
 * rest. Core's classes reach Jenkins inside a plugin's {@code WEB-INF/lib}, in a jar that is not a
 * plugin jar, so a {@link TaskResult}, an {@link IssuedKey} or a {@link SecretBytes} is refused; an
 * exception is accepted as a {@code Throwable}, but one that keeps an AWS SDK exception as its cause
 * (as every mapped S3 error does) carries SDK fields that are refused, and the controller gets a
 * {@code ProxyException} without its category. So the running side calls {@link #run}, which
 * returns a {@link HashMap} of Strings, boxed numbers and booleans, a {@link LinkedHashMap} of the
 * result values and the issued secret key as a {@code char[]} (an array prints as its identity
 * hash, so the map's {@code toString} never shows it); a failure is flattened into its category
 * name and its one-line message, with no cause. The asking side calls {@link #read} to get the
 * {@link TaskResult} back, or the {@link EncsyncException} of that category with that message.
 *
 * <p>The reply comes from an agent, which the controller does not trust: {@link #read} checks every
 * entry's type and refuses anything else.
 */
public final class TaskWire {
    static final String SUMMARY = "summary";
    static final String VALUES = "values";
    static final String KEY_ID = "issuedAccessKeyId";
    static final String KEY_SECRET = "issuedSecretKey";
    static final String FAILURE = "failureCategory";
    static final String MESSAGE = "failureMessage";
    /** The failure "category" of an exception core did not anticipate (a bug, or an unmapped SDK error). */
    static final String UNEXPECTED = "UNEXPECTED";

    /** Value types allowed in the result map: all are on Jenkins' JDK allow list. */
    private static final Set<Class<?>> PLAIN = Set.of(String.class, Boolean.class, Long.class, Integer.class,
            Short.class, Byte.class, Double.class, Float.class);

    private TaskWire() {
    }

    /**
     * Runs {@code task} and returns its outcome as JDK types. Core failures and unexpected runtime
     * exceptions are returned, not thrown; only a cancellation is thrown, as a fresh
     * {@link InterruptedException} without a cause.
     */
    public static HashMap<String, Object> run(AgentTask task, TaskLog log, CancellationSignal cancel)
            throws InterruptedException {
        HashMap<String, Object> wire = new HashMap<>();
        try {
            TaskResult result = task.run(log, cancel);
            LinkedHashMap<String, Object> values = new LinkedHashMap<>();
            result.values().forEach((k, v) -> values.put(k, plain(k, v)));
            wire.put(SUMMARY, result.summary());
            wire.put(VALUES, values);
            result.issuedKey().ifPresent(key -> {
                wire.put(KEY_ID, key.accessKeyId());
                wire.put(KEY_SECRET, chars(key.secretKey()));
                key.secretKey().destroy(); // the map now holds the only copy
            });
        } catch (InterruptedException e) {
            // The engine's may carry its executor's CancellationException as the cause.
            throw new InterruptedException(e.getMessage());
        } catch (EncsyncException e) {
            wire.clear();
            wire.put(FAILURE, e.category().name());
            wire.put(MESSAGE, oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            wire.clear();
            wire.put(FAILURE, UNEXPECTED);
            wire.put(MESSAGE, unexpected(e));
        }
        return wire;
    }

    /**
     * The result that {@link #run} sent.
     *
     * @throws EncsyncException           the task's failure, with its category and message
     * @throws UnexpectedFailure          the task failed in a way core did not anticipate
     * @throws IllegalArgumentException   {@code wire} is not something {@link #run} returns
     */
    public static TaskResult read(Map<String, ?> wire) {
        Object failure = wire.get(FAILURE);
        if (failure != null) {
            String message = text(wire, MESSAGE);
            if (UNEXPECTED.equals(failure)) {
                throw new UnexpectedFailure(message);
            }
            ErrorCategory category = Arrays.stream(ErrorCategory.values()).filter(c -> c.name().equals(failure))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown failure category in the"
                            + " task's reply: " + LogText.escape(String.valueOf(failure))));
            throw new EncsyncException(category, message);
        }
        String summary = text(wire, SUMMARY);
        if (!(wire.get(VALUES) instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException("the task's reply has no result values");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (!(k instanceof String key)) {
                throw new IllegalArgumentException("the task's reply has a result key that is no string");
            }
            values.put(key, plain(key, v));
        });
        IssuedKey key = null;
        if (wire.get(KEY_SECRET) instanceof char[] secret) {
            try {
                key = new IssuedKey(text(wire, KEY_ID), SecretBytes.utf8(secret));
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
        return new TaskResult(summary, values, key);
    }

    /**
     * A failure of the running side that core did not anticipate. Thrown only by {@link #read},
     * on the asking side, so it never crosses a channel itself.
     */
    public static final class UnexpectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnexpectedFailure(String message) {
            super(message);
        }
    }

    private static Object plain(String key, Object value) {
        if (value == null || !PLAIN.contains(value.getClass())) {
            throw new IllegalArgumentException("result value " + LogText.escape(key) + " must be a string, a number"
                    + " or a boolean, was " + (value == null ? "null" : value.getClass().getName()));
        }
        return value;
    }

    private static String text(Map<String, ?> wire, String key) {
        if (!(wire.get(key) instanceof String s)) {
            throw new IllegalArgumentException("the task's reply has no " + key);
        }
        return s;
    }

    /** Core messages are one line already; this keeps a multi-line one from forging log lines. */
    private static String oneLine(String message) {
        return message == null ? "" : message.replace("\r", "").replace("\n", " | ");
    }

    /**
     * One line for a failure core did not map: its type, where it happened and its message (the
     * messages of JDK and SDK exceptions carry no secret; core never puts one in any message).
     */
    static String unexpected(RuntimeException e) {
        StackTraceElement at = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
        return "unexpected error on the running side: " + e.getClass().getName()
                + (at == null ? "" : " at " + at.getClassName() + "." + at.getMethodName() + ":" + at.getLineNumber())
                + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()))
                + " — this is a bug in encsync unless the message says otherwise; please report it with this line";
    }

    private static char[] chars(SecretBytes secret) {
        byte[] raw = secret.reveal();
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw));
            char[] out = new char[decoded.remaining()];
            decoded.get(out);
            if (decoded.hasArray()) {
                Arrays.fill(decoded.array(), '\0');
            }
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("the issued secret key is not UTF-8 text");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }
}
