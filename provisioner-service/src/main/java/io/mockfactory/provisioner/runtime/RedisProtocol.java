package io.mockfactory.provisioner.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Readiness the way a client sees it: AUTH with the generated password, then PING must answer PONG. */
public final class RedisProtocol {
    private RedisProtocol() {
    }

    public static boolean answersPing(int port, String password) {
        return answersPing("127.0.0.1", port, password);
    }

    public static boolean answersPing(String host, int port, String password) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write(command("AUTH", password));
            out.write(command("PING"));
            out.flush();
            InputStream in = socket.getInputStream();
            return readLine(in).equals("+OK") && readLine(in).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Gives the running server {@code newPassword} in place of {@code oldPassword} and closes every other session
     * (those the old password opened). If the new password already works (a repeat after a crash), only the sessions
     * are closed. The passwords travel only inside this local connection's commands.
     */
    public static void changePassword(int port, String oldPassword, String newPassword) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            if (!reply(out, in, "AUTH", newPassword).equals("+OK")) {
                // A refused AUTH leaves the connection open and unauthenticated: the pool's password is tried next
                if (!reply(out, in, "AUTH", oldPassword).equals("+OK")) {
                    throw new IOException("the server refuses both the pool's and the environment's password");
                }
                String set = reply(out, in, "CONFIG", "SET", "requirepass", newPassword);
                if (!set.equals("+OK")) {
                    throw new IOException("CONFIG SET requirepass was refused: " + set);
                }
            }
            String killed = reply(out, in, "CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
            if (!killed.startsWith(":")) {
                throw new IOException("CLIENT KILL was refused: " + killed);
            }
        }
    }

    private static String reply(OutputStream out, InputStream in, String... parts) throws IOException {
        out.write(command(parts));
        out.flush();
        return readLine(in);
    }

    /** INFO clients and stats after AUTH: connected clients other than this one, and commands processed. */
    public static Activity activity(String host, int port, String password) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(command("AUTH", password));
            out.write(command("INFO", "clients", "stats"));
            out.flush();
            InputStream in = socket.getInputStream();
            if (!readLine(in).equals("+OK")) {
                throw new IOException("AUTH refused");
            }
            String header = readLine(in);
            if (!header.startsWith("$")) {
                throw new IOException("unexpected INFO answer " + header);
            }
            String info = new String(in.readNBytes(Integer.parseInt(header.substring(1))), StandardCharsets.UTF_8);
            // The previous reading's INFO and this one's AUTH are the probe's own commands
            return new Activity(field(info, "total_commands_processed"), (int) field(info, "connected_clients") - 1, 2);
        }
    }

    private static long field(String info, String name) throws IOException {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).strip());
            }
        }
        throw new IOException(name + " missing from INFO");
    }

    private static byte[] command(String... parts) {
        StringBuilder resp = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            resp.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
        }
        return resp.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
