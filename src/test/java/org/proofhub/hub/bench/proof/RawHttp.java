package org.proofhub.hub.bench.proof;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load generator's HTTP/1.1 client: one blocking keep-alive connection per calling thread, requests written in one
 * piece, responses read by {@code Content-Length} or chunked. The clients share the hub's two cores, so what they cost
 * is taken from the hub: {@code java.net.http}'s asynchronous pipeline took 13 % of the JVM's CPU in the issuance phase and
 * 19 % in the verification phase (profiled 2026-11-27), several times what this takes; like {@code wrk} against a web
 * server, the load costs as little as it can. Enough of HTTP for the hub's answers, nothing more: no TLS, no redirects,
 * no 1xx, no pipelining.
 */
final class RawHttp {
    /** A new connection for a call after the last one this long ago: Tomcat closes idle keep-alive connections (20 s). */
    private static final long IDLE_RECONNECT_NANOS = 5_000_000_000L;
    private static final int TIMEOUT_MS = 30_000;

    private RawHttp() {
    }

    /** Where the calls go. */
    record Target(String host, int port) {
    }

    /** A request: method, path with query, extra headers (name, value, name, value …) and a body or null. */
    record Request(String method, String path, List<String> headers, byte[] body) {
        static Request get(String path) {
            return new Request("GET", path, new ArrayList<>(), null);
        }

        static Request post(String path, String contentType, byte[] body) {
            Request r = new Request("POST", path, new ArrayList<>(), body);
            return r.header("Content-Type", contentType);
        }

        Request header(String name, String value) {
            headers.add(name);
            headers.add(value);
            return this;
        }
    }

    /** A response's status and body (headers are read and dropped). */
    record Response(int statusCode, byte[] body) {
    }

    /** One keep-alive connection; not thread-safe, one per calling thread. */
    static final class Connection implements AutoCloseable {
        private final Target target;
        private final byte[] hostHeader;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private long lastUsed;

        Connection(Target target) {
            this.target = target;
            this.hostHeader = ("Host: " + target.host() + ":" + target.port() + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        Response send(Request request) throws IOException {
            if (socket != null && System.nanoTime() - lastUsed > IDLE_RECONNECT_NANOS) {
                close();
            }
            if (socket == null) {
                open();
            }
            try {
                write(request);
                Response response = read();
                lastUsed = System.nanoTime();
                return response;
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        private void open() throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.setSoTimeout(TIMEOUT_MS);
            s.connect(new InetSocketAddress(target.host(), target.port()), 5_000);
            socket = s;
            in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
            out = s.getOutputStream();
        }

        private void write(Request r) throws IOException {
            StringBuilder h = new StringBuilder(256).append(r.method()).append(' ').append(r.path()).append(" HTTP/1.1\r\n");
            for (int i = 0; i < r.headers().size(); i += 2) {
                h.append(r.headers().get(i)).append(": ").append(r.headers().get(i + 1)).append("\r\n");
            }
            if (r.body() != null) {
                h.append("Content-Length: ").append(r.body().length).append("\r\n");
            }
            byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
            int bodyLength = r.body() == null ? 0 : r.body().length;
            byte[] all = new byte[head.length + hostHeader.length + 2 + bodyLength];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(hostHeader, 0, all, head.length, hostHeader.length);
            all[head.length + hostHeader.length] = '\r';
            all[head.length + hostHeader.length + 1] = '\n';
            if (bodyLength > 0) {
                System.arraycopy(r.body(), 0, all, head.length + hostHeader.length + 2, bodyLength);
            }
            out.write(all);
            out.flush();
        }

        private Response read() throws IOException {
            String status = line();
            // "HTTP/1.1 201 " or "HTTP/1.1 201 Created"
            if (!status.startsWith("HTTP/1.") || status.length() < 12) {
                throw new IOException("not an HTTP/1.x status line: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closeAfter = status.startsWith("HTTP/1.0");
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            byte[] body;
            if (chunked) {
                body = chunkedBody();
            } else if (length >= 0) {
                body = in.readNBytes((int) length);
                if (body.length != length) {
                    throw new EOFException("the body ended after " + body.length + " of " + length + " bytes");
                }
            } else if (code == 204 || code == 304) {
                body = new byte[0];
            } else {
                // neither length nor chunks: the body runs to the end of the connection
                body = in.readAllBytes();
                closeAfter = true;
            }
            if (closeAfter) {
                close();
            }
            return new Response(code, body);
        }

        private byte[] chunkedBody() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (n == 0) {
                    // trailers, up to the empty line
                    for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                        // dropped
                    }
                    return body.toByteArray();
                }
                byte[] chunk = in.readNBytes(n);
                if (chunk.length != n) {
                    throw new EOFException("a chunk ended after " + chunk.length + " of " + n + " bytes");
                }
                body.write(chunk);
                if (!line().isEmpty()) {
                    throw new IOException("a chunk is not followed by CRLF");
                }
            }
        }

        /** A header line without its CRLF (ISO-8859-1, as HTTP's header bytes are read). */
        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            while (true) {
                int c = in.read();
                if (c < 0) {
                    throw new EOFException("the connection closed in the middle of a response");
                }
                if (c == '\n') {
                    int last = b.length() - 1;
                    if (last >= 0 && b.charAt(last) == '\r') {
                        b.setLength(last);
                    }
                    return b.toString();
                }
                b.append((char) c);
            }
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a connection that failed
                }
            }
            socket = null;
            in = null;
            out = null;
        }
    }
}
