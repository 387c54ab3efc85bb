package io.mockfactory.storage.s3;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: what no well-behaved client sends (short bodies, broken
 * framing, odd bytes in headers) and what it sees come back, including nothing at all (a hang) or a closed connection.
 */
public final class RawHttp implements Closeable {
    /** How an exchange ended: an answer, the server closing the connection without one, or silence until the deadline. */
    public enum Outcome { ANSWERED, CLOSED, TIMED_OUT }

    /** A response (status 0 unless ANSWERED); headers by lower-case name. */
    public record Answer(Outcome outcome, int status, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return outcome + (outcome == Outcome.ANSWERED ? " " + status + " " + text() : "");
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    public RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The next response, 1xx ones included; {@code method} tells whether a body follows (none for HEAD). */
    public Answer read(String method, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            String head = readHead(deadline);
            if (head == null) {
                return new Answer(Outcome.CLOSED, 0, Map.of(), new byte[0]);
            }
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            int status = Integer.parseInt(statusLine[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(lines[i].substring(colon + 1).strip());
                }
            }
            byte[] body = new byte[0];
            boolean bodiless = "HEAD".equals(method) || status / 100 == 1 || status == 204 || status == 304;
            if (!bodiless && headers.containsKey("content-length")) {
                body = readExactly(Integer.parseInt(headers.get("content-length").get(0)), deadline);
            }
            return new Answer(Outcome.ANSWERED, status, headers, body);
        } catch (SocketTimeoutException e) {
            return new Answer(Outcome.TIMED_OUT, 0, Map.of(), new byte[0]);
        } catch (IOException e) {
            // Reset by the server: as closed
            return new Answer(Outcome.CLOSED, 0, Map.of(), new byte[0]);
        }
    }

    /** The final response: 1xx ones are skipped. */
    public Answer finalAnswer(String method, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Answer answer = read(method, Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (answer.outcome() != Outcome.ANSWERED || answer.status() / 100 != 1) {
                return answer;
            }
        }
    }

    /** @return whether the server closed the connection (EOF or reset) within the timeout, discarding anything it sent */
    public boolean closedWithin(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] sink = new byte[8192];
        try {
            while (true) {
                setTimeout(deadline);
                if (in.read(sink) == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** @return the response head without its final CRLFCRLF, or null if the connection ended before any byte of it */
    private String readHead(long deadline) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            setTimeout(deadline);
            int b = in.read();
            if (b == -1) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("the connection ended inside a response head");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    private byte[] readExactly(int length, long deadline) throws IOException {
        byte[] body = new byte[length];
        int read = 0;
        while (read < length) {
            setTimeout(deadline);
            int n = in.read(body, read, length - read);
            if (n == -1) {
                throw new IOException("the connection ended inside a response body");
            }
            read += n;
        }
        return body;
    }

    private void setTimeout(long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
