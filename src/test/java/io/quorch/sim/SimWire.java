package io.quorch.sim;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The MySQL client/server protocol's packets, as far as the simulator needs them: the greeting,
 * OK, ERR and EOF packets and text result sets (every column a string, before CLIENT_DEPRECATE_EOF).
 */
final class SimWire {

    static final int CLIENT_LONG_PASSWORD = 1;
    static final int CLIENT_FOUND_ROWS = 2;
    static final int CLIENT_LONG_FLAG = 4;
    static final int CLIENT_CONNECT_WITH_DB = 8;
    static final int CLIENT_PROTOCOL_41 = 0x200;
    static final int CLIENT_TRANSACTIONS = 0x2000;
    static final int CLIENT_SECURE_CONNECTION = 0x8000;
    static final int CLIENT_MULTI_STATEMENTS = 0x10000;
    static final int CLIENT_MULTI_RESULTS = 0x20000;
    static final int CLIENT_PS_MULTI_RESULTS = 0x40000;
    static final int CLIENT_PLUGIN_AUTH = 0x80000;
    static final int CLIENT_CONNECT_ATTRS = 0x100000;
    static final int CLIENT_PLUGIN_AUTH_LENENC = 0x200000;
    static final int CAPABILITIES = CLIENT_LONG_PASSWORD | CLIENT_FOUND_ROWS | CLIENT_LONG_FLAG
            | CLIENT_CONNECT_WITH_DB | CLIENT_PROTOCOL_41 | CLIENT_TRANSACTIONS | CLIENT_SECURE_CONNECTION
            | CLIENT_MULTI_STATEMENTS | CLIENT_MULTI_RESULTS | CLIENT_PS_MULTI_RESULTS | CLIENT_PLUGIN_AUTH
            | CLIENT_CONNECT_ATTRS | CLIENT_PLUGIN_AUTH_LENENC;

    static final int STATUS_AUTOCOMMIT = 0x0002;
    static final int STATUS_MORE_RESULTS = 0x0008;
    static final int UTF8MB4_GENERAL_CI = 45;
    static final int TYPE_VAR_STRING = 0xfd;

    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(1024);
    private int seq;

    SimWire(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** Reads one packet's payload; the next packet sent answers it. */
    byte[] read() throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            throw new EOFException("client closed the connection");
        }
        int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
        seq = (header[3] & 0xff) + 1;
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw new EOFException("client closed the connection mid-packet");
        }
        return payload;
    }

    /** Starts a new exchange (the server's greeting opens one). */
    void resetSequence() {
        seq = 0;
    }

    /** Queues one packet; {@link #flush()} sends what is queued. */
    void packet(byte[] payload) {
        int n = payload.length;
        pending.write(n & 0xff);
        pending.write(n >> 8 & 0xff);
        pending.write(n >> 16 & 0xff);
        pending.write(seq++ & 0xff);
        pending.writeBytes(payload);
    }

    void flush() throws IOException {
        pending.writeTo(out);
        out.flush();
        pending.reset();
    }

    /** HandshakeV10 offering mysql_native_password. */
    void greeting(String version, long connectionId, byte[] scramble) {
        Buf b = new Buf();
        b.byte1(10).nulString(version).int4(connectionId);
        b.bytes(scramble, 0, 8).byte1(0);
        b.int2(CAPABILITIES & 0xffff).byte1(UTF8MB4_GENERAL_CI).int2(STATUS_AUTOCOMMIT).int2(CAPABILITIES >>> 16);
        b.byte1(scramble.length + 1);
        for (int i = 0; i < 10; i++) {
            b.byte1(0);
        }
        b.bytes(scramble, 8, scramble.length - 8).byte1(0);
        b.nulString("mysql_native_password");
        packet(b.toArray());
    }

    void ok(long affected, int status) {
        packet(new Buf().byte1(0).lenenc(affected).lenenc(0).int2(status).int2(0).toArray());
    }

    void error(int code, String sqlState, String message) {
        packet(new Buf().byte1(0xff).int2(code).bytes("#".getBytes(StandardCharsets.US_ASCII))
                .bytes(sqlState.getBytes(StandardCharsets.US_ASCII)).bytes(message.getBytes(StandardCharsets.UTF_8))
                .toArray());
    }

    void eof(int status) {
        packet(new Buf().byte1(0xfe).int2(0).int2(status).toArray());
    }

    /** A text result set: every column a string, null values as SQL NULL. */
    void resultSet(List<String> columns, List<List<String>> rows, int status) {
        packet(new Buf().lenenc(columns.size()).toArray());
        for (String c : columns) {
            packet(new Buf().lenencString("def").lenencString("").lenencString("").lenencString("")
                    .lenencString(c).lenencString(c).lenenc(0x0c).int2(UTF8MB4_GENERAL_CI).int4(1024)
                    .byte1(TYPE_VAR_STRING).int2(0).byte1(0).int2(0).toArray());
        }
        eof(status);
        for (List<String> row : rows) {
            Buf b = new Buf();
            for (String v : row) {
                if (v == null) {
                    b.byte1(0xfb);
                } else {
                    b.lenencString(v);
                }
            }
            packet(b.toArray());
        }
        eof(status);
    }

    /** A payload under construction, little-endian. */
    static final class Buf {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream(64);

        Buf byte1(int v) {
            b.write(v & 0xff);
            return this;
        }

        Buf int2(int v) {
            return byte1(v).byte1(v >> 8);
        }

        Buf int4(long v) {
            return byte1((int) v).byte1((int) (v >> 8)).byte1((int) (v >> 16)).byte1((int) (v >> 24));
        }

        Buf bytes(byte[] v) {
            b.writeBytes(v);
            return this;
        }

        Buf bytes(byte[] v, int from, int length) {
            b.write(v, from, length);
            return this;
        }

        Buf nulString(String s) {
            return bytes(s.getBytes(StandardCharsets.UTF_8)).byte1(0);
        }

        Buf lenenc(long v) {
            if (v < 251) {
                return byte1((int) v);
            }
            if (v < 0x10000) {
                return byte1(0xfc).int2((int) v);
            }
            if (v < 0x1000000) {
                return byte1(0xfd).byte1((int) v).byte1((int) (v >> 8)).byte1((int) (v >> 16));
            }
            return byte1(0xfe).int4(v).int4(v >>> 32);
        }

        Buf lenencString(String s) {
            byte[] v = s.getBytes(StandardCharsets.UTF_8);
            return lenenc(v.length).bytes(v);
        }

        byte[] toArray() {
            return b.toByteArray();
        }
    }
}
