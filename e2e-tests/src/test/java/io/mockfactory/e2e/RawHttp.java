package io.mockfactory.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 as a socket speaks it, for what Java's HttpClient cannot show: the answer to a request whose body the
 * server refuses before reading it (that client answers only once its whole body is sent, which a server that stops
 * reading never lets happen). The body, if any, is written by a thread of its own while the answer is read.
 */
final class RawHttp {
    private RawHttp() {
    }

    /**
     * @param bodyBytes zeros sent after the head (0: none, for a head that declares a length and waits for 100 Continue)
     * @return the status of the first final answer
     */
    static int status(String baseUrl, String method, String path, String headers, long bodyBytes) throws Exception {
        URI base = URI.create(baseUrl);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n" + headers + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    for (long sent = 0; sent < bodyBytes; sent += chunk.length) {
                        out.write(chunk, 0, (int) Math.min(chunk.length, bodyBytes - sent));
                    }
                    out.flush();
                } catch (IOException refused) {
                    // the server closed or stopped reading: its answer is what counts
                }
            });
            writer.setDaemon(true);
            writer.start();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("HTTP/1.1 ") && !line.startsWith("HTTP/1.1 100")) {
                    return Integer.parseInt(line.substring(9, 12));
                }
            }
            throw new IOException("no answer to " + method + " " + path);
        }
    }
}
