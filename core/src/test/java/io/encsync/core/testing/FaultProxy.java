package io.encsync.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A small HTTP/1.1 forwarding proxy for fault tests: sits between an S3 client and moto, records
 * every request, and on requests matching a rule answers an error, stalls, or resets the
 * connection in the middle of the request body (upload) or of the response body (download).
 *
 * <p>Deliberately simple: one request per connection (it answers {@code Connection: close}),
 * request bodies by Content-Length only, and it answers {@code 100 Continue} itself. moto with
 * authorization off does not check signatures, so forwarding need not preserve them.
 */
public final class FaultProxy implements AutoCloseable {

    /** What the proxy saw: method, path, raw query and headers (lower-case names). */
    public record Request(String method, String path, String query, Map<String, String> headers) {
        public boolean hasQueryParam(String name) {
            for (String pair : query.split("&")) {
                if (pair.equals(name) || pair.startsWith(name + "=")) {
                    return true;
                }
            }
            return false;
        }

        /** A request about an object (path-style: {@code /bucket/key}), not the bucket. */
        public boolean isObject() {
            String p = path.startsWith("/") ? path.substring(1) : path;
            int slash = p.indexOf('/');
            return slash > 0 && slash < p.length() - 1;
        }

        public boolean isUploadPart() {
            return method.equals("PUT") && isObject() && hasQueryParam("partNumber") && hasQueryParam("uploadId");
        }

        public boolean isPutObject() {
            return method.equals("PUT") && isObject() && !hasQueryParam("uploadId");
        }

        public boolean isGetObject() {
            return method.equals("GET") && isObject();
        }

        public boolean isHeadObject() {
            return method.equals("HEAD") && isObject();
        }

        public boolean isCompleteMultipart() {
            return method.equals("POST") && isObject() && hasQueryParam("uploadId");
        }

        public boolean isListObjects() {
            return method.equals("GET") && !isObject() && hasQueryParam("list-type");
        }

        @Override
        public String toString() {
            return method + " " + path + (query.isEmpty() ? "" : "?" + query);
        }
    }

    private enum Kind { RESPOND, RESET_REQUEST_BODY, RESET_RESPONSE_BODY, STALL, STALL_RESPONSE_BODY, HOLD }

    private record Rule(Predicate<Request> when, AtomicInteger remaining, Kind kind, int status, String code) {
        boolean take(Request r) {
            if (!when.test(r)) {
                return false;
            }
            while (true) {
                int left = remaining.get();
                if (left == 0) {
                    return false;
                }
                if (left < 0 || remaining.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
        }
    }

    private final ServerSocket server;
    private final URI upstream;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Request> seen = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger faultsInjected = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile CountDownLatch released = new CountDownLatch(1);

    private FaultProxy(ServerSocket server, URI upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    /** A proxy on a free loopback port forwarding to {@code upstream} ({@code http://host:port}). */
    public static FaultProxy start(URI upstream) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            FaultProxy proxy = new FaultProxy(server, upstream);
            Thread acceptor = new Thread(proxy::acceptLoop, "fault-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fault proxy", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}; use path-style addressing. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Answers the next {@code times} matching requests ({@code -1}: all) with an S3 error. */
    public FaultProxy respond(Predicate<Request> when, int times, int status, String code) {
        rules.add(new Rule(when, new AtomicInteger(times), Kind.RESPOND, status, code));
        return this;
    }

    /** Reads half of the next matching request bodies, then resets the connection. */
    public FaultProxy resetRequestBody(Predicate<Request> when, int times) {
        rules.add(new Rule(when, new AtomicInteger(times), Kind.RESET_REQUEST_BODY, 0, null));
        return this;
    }

    /** Forwards the next matching requests, relays half of the response body, then resets. */
    public FaultProxy resetResponseBody(Predicate<Request> when, int times) {
        rules.add(new Rule(when, new AtomicInteger(times), Kind.RESET_RESPONSE_BODY, 0, null));
        return this;
    }

    /** Never answers the next matching requests (until the client gives up or the proxy closes). */
    public FaultProxy stall(Predicate<Request> when, int times) {
        rules.add(new Rule(when, new AtomicInteger(times), Kind.STALL, 0, null));
        return this;
    }

    /** Forwards the next matching requests, relays half of the response body, then sends nothing more. */
    public FaultProxy stallResponseBody(Predicate<Request> when, int times) {
        rules.add(new Rule(when, new AtomicInteger(times), Kind.STALL_RESPONSE_BODY, 0, null));
        return this;
    }

    /**
     * Holds the next matching requests (they wait, unanswered) until {@link #release()}, then
     * forwards them: a request that is "in flight" for as long as a test needs.
     */
    public FaultProxy hold(Predicate<Request> when, int times) {
        rules.add(new Rule(when, new AtomicInteger(times), Kind.HOLD, 0, null));
        return this;
    }

    /** Lets every held request through; later matches of a hold rule are held again until the next release. */
    public void release() {
        CountDownLatch was = released;
        released = new CountDownLatch(1);
        was.countDown();
    }

    /** Removes every rule: from now on, requests pass. */
    public void clearFaults() {
        rules.clear();
    }

    public int count(Predicate<Request> which) {
        synchronized (seen) {
            return (int) seen.stream().filter(which).count();
        }
    }

    public List<Request> requests() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** How many requests got a fault instead of passing. */
    public int faultsInjected() {
        return faultsInjected.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.execute(() -> handle(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String[] requestLine = head.get(0).split(" ", 3);
            Map<String, String> headers = parseHeaders(head);
            String target = requestLine[1];
            int q = target.indexOf('?');
            Request request = new Request(requestLine[0], q < 0 ? target : target.substring(0, q),
                    q < 0 ? "" : target.substring(q + 1), Collections.unmodifiableMap(headers));
            seen.add(request);
            if (headers.containsKey("transfer-encoding")) {
                send(out, 501, "NotImplemented", request, "the fault proxy handles only Content-Length bodies");
                return;
            }
            long bodyLength = Long.parseLong(headers.getOrDefault("content-length", "0"));
            boolean expectContinue = "100-continue".equalsIgnoreCase(headers.get("expect"));
            Rule rule = rules.stream().filter(r -> r.take(request)).findFirst().orElse(null);
            Kind kind = rule == null ? null : rule.kind();
            if (kind != null) {
                faultsInjected.incrementAndGet();
            }
            if (kind == Kind.RESPOND) {
                if (!expectContinue) {
                    in.skipNBytes(bodyLength);
                }
                send(out, rule.status(), rule.code(), request, "injected by the fault proxy");
                return;
            }
            if (kind == Kind.STALL) {
                closed.await(10, TimeUnit.MINUTES);
                return;
            }
            if (kind == Kind.HOLD) {
                CountDownLatch gate = released;
                if (!gate.await(10, TimeUnit.MINUTES) || closed.getCount() == 0) {
                    return;
                }
            }
            if (expectContinue) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            if (kind == Kind.RESET_REQUEST_BODY) {
                in.skipNBytes(bodyLength / 2);
                reset(client);
                return;
            }
            byte[] body = in.readNBytes((int) bodyLength);
            forward(request, head, body, out, kind, client);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the client went away or the proxy closed: nothing to report
        }
    }

    private void forward(Request request, List<String> head, byte[] body, OutputStream out, Kind kind, Socket client)
            throws IOException, InterruptedException {
        boolean resetMidBody = kind == Kind.RESET_RESPONSE_BODY;
        boolean stallMidBody = kind == Kind.STALL_RESPONSE_BODY;
        try (Socket up = new Socket(upstream.getHost(), upstream.getPort())) {
            OutputStream upOut = up.getOutputStream();
            StringBuilder sb = new StringBuilder(head.get(0)).append("\r\n");
            for (String line : head.subList(1, head.size())) {
                String name = line.substring(0, Math.max(0, line.indexOf(':'))).strip().toLowerCase(Locale.ROOT);
                if (!name.equals("expect") && !name.equals("connection")) {
                    sb.append(line).append("\r\n");
                }
            }
            sb.append("Connection: close\r\n\r\n");
            upOut.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            upOut.write(body);
            upOut.flush();
            InputStream upIn = up.getInputStream();
            List<String> responseHead = readHead(upIn);
            while (!responseHead.isEmpty() && responseHead.get(0).matches("HTTP/1\\.\\d 1\\d\\d.*")) {
                responseHead = readHead(upIn);
            }
            if (responseHead.isEmpty()) {
                reset(client);
                return;
            }
            StringBuilder rh = new StringBuilder(responseHead.get(0)).append("\r\n");
            for (String line : responseHead.subList(1, responseHead.size())) {
                String name = line.substring(0, Math.max(0, line.indexOf(':'))).strip().toLowerCase(Locale.ROOT);
                if (!name.equals("connection") && !name.equals("keep-alive")) {
                    rh.append(line).append("\r\n");
                }
            }
            rh.append("Connection: close\r\n\r\n");
            out.write(rh.toString().getBytes(StandardCharsets.ISO_8859_1));
            if ((resetMidBody || stallMidBody) && !request.method().equals("HEAD")) {
                long length = Long.parseLong(parseHeaders(responseHead).getOrDefault("content-length", "0"));
                out.write(upIn.readNBytes((int) (length / 2)));
                out.flush();
                if (stallMidBody) {
                    closed.await(10, TimeUnit.MINUTES);
                    return;
                }
                reset(client);
                return;
            }
            upIn.transferTo(out);
            out.flush();
        }
    }

    private static void reset(Socket socket) throws IOException {
        // SO_LINGER 0 makes close() send RST: the client sees "connection reset", not a clean end.
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static void send(OutputStream out, int status, String code, Request request, String message) throws IOException {
        String body = request.method().equals("HEAD") ? ""
                : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>fault-proxy</RequestId></Error>";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + code + "\r\nContent-Type: application/xml\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int prev = -1;
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n' && prev == '\r') {
                byte[] bytes = line.toByteArray();
                String s = new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
                if (s.isEmpty()) {
                    return lines;
                }
                lines.add(s);
                line.reset();
            } else {
                line.write(c);
            }
            prev = c;
        }
        return lines.isEmpty() ? lines : List.of();
    }

    private static Map<String, String> parseHeaders(List<String> head) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return headers;
    }

    @Override
    public void close() {
        closed.countDown();
        released.countDown();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.shutdownNow();
    }

    /** Convenience: the address the proxy listens on. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }
}
