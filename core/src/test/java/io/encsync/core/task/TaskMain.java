package io.encsync.core.task;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a serialized {@link AgentTask} in this JVM, as an agent would: {@code TaskMain payload result}
 * reads the task from {@code payload}, runs it through {@link TaskWire} with the log on stdout, and
 * writes the reply (JDK types only, failures included) to {@code result} with Java serialization.
 */
public final class TaskMain {
    private TaskMain() {
    }

    public static void main(String[] args) throws IOException, ClassNotFoundException {
        AgentTask task;
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(args[0])))) {
            task = (AgentTask) in.readObject();
        }
        Object outcome;
        try {
            outcome = TaskWire.run(task, TaskLog.printingTo(System.out), CancellationSignal.THREAD_INTERRUPT);
        } catch (InterruptedException e) {
            outcome = e;
        }
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(Path.of(args[1])))) {
            out.writeObject(outcome);
        }
    }
}
