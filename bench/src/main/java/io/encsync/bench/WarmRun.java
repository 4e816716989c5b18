package io.encsync.bench;

import io.encsync.core.aws.AwsAuth;
import io.encsync.core.aws.S3Access;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.sync.SyncOptions;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.CancellationSignal;
import io.encsync.core.task.DecryptDirTask;
import io.encsync.core.task.EncryptDirTask;
import io.encsync.core.task.PullTask;
import io.encsync.core.task.PushTask;
import io.encsync.core.task.TaskLog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Jenkins-agent case of {@code bench.sh}: one workload run several times in one JVM through
 * the task classes the plugin ships to its agents ({@link PushTask}, {@link PullTask} for S3,
 * {@link EncryptDirTask}, {@link DecryptDirTask} for a local folder), each run building its own
 * S3 client and keys as a pipeline step does. Prints each run's wall time and the CPU time the
 * whole JVM spent in it and, last, the median wall time of the runs after the first two (the ones
 * the JIT has had time to compile for).
 *
 * <pre>
 * java -cp benchmarks.jar io.encsync.bench.WarmRun [--runs N] [--before 'SHELL COMMAND']
 *     [--endpoint URL] [--region R] [--path-style] [--transfers N] push|pull FROM TO
 * </pre>
 *
 * <p>{@code push FOLDER REMOTE} or {@code pull REMOTE FOLDER}; a remote is {@code s3://bucket[/prefix]}
 * or a local folder. {@code --before} runs untimed before every run (empty the target, reset the
 * S3 server). The password comes from {@code ENCSYNC_PASSWORD}; S3 keys from
 * {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} as static keys (what the plugin's
 * credentials give), else the SDK's default chain.
 */
public final class WarmRun {
    /** Runs before this one are warm-up: class loading and the first JIT tiers. */
    static final int FIRST_COUNTED = 3;

    private WarmRun() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 6;
        int transfers = SyncOptions.DEFAULT_TRANSFERS;
        String before = null;
        String endpoint = null;
        String region = null;
        boolean pathStyle = false;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--transfers" -> transfers = Integer.parseInt(args[++i]);
                case "--before" -> before = args[++i];
                case "--endpoint" -> endpoint = args[++i];
                case "--region" -> region = args[++i];
                case "--path-style" -> pathStyle = true;
                default -> positional.add(args[i]);
            }
        }
        if (positional.size() != 3 || !List.of("push", "pull").contains(positional.get(0)) || runs < FIRST_COUNTED) {
            System.err.println("usage: WarmRun [--runs N>=" + FIRST_COUNTED + "] [--before CMD] [--endpoint URL]"
                    + " [--region R] [--path-style] [--transfers N] push|pull FROM TO");
            System.exit(2);
        }
        boolean push = positional.get(0).equals("push");
        String local = push ? positional.get(1) : positional.get(2);
        String remote = push ? positional.get(2) : positional.get(1);
        AgentTask task = task(push, local, remote, endpoint, region, pathStyle, transfers);

        double[] seconds = new double[runs];
        for (int run = 0; run < runs; run++) {
            if (before != null) {
                shell(before);
            }
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            task.run(TaskLog.silent(), CancellationSignal.THREAD_INTERRUPT);
            seconds[run] = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "run %d: %.3f s (process CPU %.3f s)%n", run + 1, seconds[run],
                    (processCpuNanos() - cpuStart) / 1e9);
        }
        double[] counted = Arrays.copyOfRange(seconds, FIRST_COUNTED - 1, runs);
        System.out.printf(Locale.ROOT, "median of runs %d-%d: %.3f s%n", FIRST_COUNTED, runs, median(counted));
    }

    /** CPU time of the whole JVM (JIT and GC threads included), or 0 where the JVM cannot tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static AgentTask task(boolean push, String local, String remote, String endpoint, String region,
            boolean pathStyle, int transfers) {
        // Tasks take folders relative to a workspace; the file system's root makes any absolute path one.
        String workspace = Path.of("/").toString();
        String localRel = relative(local);
        String password = System.getenv("ENCSYNC_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("ENCSYNC_PASSWORD must be set to the crypt remote's password");
        }
        CryptConfig crypt = CryptConfig.builder().password(SecretBytes.utf8(password)).build();
        if (!remote.startsWith("s3://")) {
            return push ? new EncryptDirTask(workspace, localRel, relative(remote), crypt)
                    : new DecryptDirTask(workspace, relative(remote), localRel, crypt);
        }
        String path = remote.substring("s3://".length());
        int slash = path.indexOf('/');
        S3Location location = S3Location.of(slash < 0 ? path : path.substring(0, slash),
                slash < 0 ? null : path.substring(slash + 1));
        S3Settings address = S3Settings.builder().region(region).endpoint(endpoint).pathStyle(pathStyle).build();
        String keyId = System.getenv("AWS_ACCESS_KEY_ID");
        String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
        AwsAuth auth = keyId != null && secret != null
                ? AwsAuth.staticKeys(keyId, SecretBytes.utf8(secret), null) : AwsAuth.defaultChain();
        S3Access s3 = new S3Access(location, address, auth, null);
        SyncOptions options = SyncOptions.builder().transfers(transfers).build();
        return push ? new PushTask(workspace, localRel, s3, crypt, options)
                : new PullTask(workspace, localRel, s3, crypt, options);
    }

    private static String relative(String folder) {
        Path p = Path.of(folder).toAbsolutePath().normalize();
        return p.getRoot().relativize(p).toString();
    }

    private static void shell(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command).inheritIO().redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IOException("--before command exited " + code + ": " + command);
        }
    }
}
