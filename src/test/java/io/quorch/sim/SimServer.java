package io.quorch.sim;

/**
 * One simulated MariaDB server: its identity, whether it runs, answers and how slowly, its
 * replication configuration and its GTID position (domain 0). Guarded by its own monitor; the
 * fleet's tick moves positions, sessions read and change the rest.
 */
final class SimServer {

    /** The binary log every simulated server writes to, and how many bytes a transaction takes in it. */
    static final String BINLOG = "mariadb-bin.000001";
    static final String RELAY_LOG = "mariadb-relay-bin.000002";
    static final long EVENT_BYTES = 200;
    static final long FIRST_POS = 256;

    final String host;
    final int port;
    final long serverId;
    final String cluster;
    private final long started = System.currentTimeMillis();

    private boolean alive = true;
    private boolean paused;
    private int latencyMillis;

    private boolean readOnly;
    /** the configured source, null for a primary; a host starting with // is detached */
    private String masterHost;
    private int masterPort;
    private String masterUser = "";
    private boolean ioStarted;
    private boolean sqlStarted;
    /** set when the source is unreachable or cannot serve this replica's position */
    private int ioErrno;
    private String ioError = "";
    private long lagSeconds;

    /** GTID position: the last transaction applied, and the server that wrote it */
    private long seq;
    private long originId;

    SimServer(String host, int port, long serverId, String cluster) {
        this.host = host;
        this.port = port;
        this.serverId = serverId;
        this.cluster = cluster;
        this.originId = serverId;
    }

    String key() {
        return host + ":" + port;
    }

    synchronized boolean alive() {
        return alive;
    }

    synchronized void alive(boolean alive) {
        this.alive = alive;
    }

    synchronized boolean paused() {
        return paused;
    }

    synchronized void paused(boolean paused) {
        this.paused = paused;
        notifyAll();
    }

    synchronized int latencyMillis() {
        return latencyMillis;
    }

    synchronized void latencyMillis(int millis) {
        this.latencyMillis = Math.max(0, millis);
    }

    /** Blocks while the server is paused (a paused server accepts but never answers). */
    synchronized void awaitAnswering() throws InterruptedException {
        while (paused && alive) {
            wait(1000);
        }
    }

    synchronized boolean readOnly() {
        return readOnly;
    }

    synchronized void readOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    synchronized String masterHost() {
        return masterHost;
    }

    synchronized int masterPort() {
        return masterPort;
    }

    synchronized String masterUser() {
        return masterUser;
    }

    synchronized boolean isReplica() {
        return masterHost != null;
    }

    synchronized boolean ioStarted() {
        return ioStarted;
    }

    synchronized boolean sqlStarted() {
        return sqlStarted;
    }

    synchronized void replicate(String host, int port, String user) {
        this.masterHost = host;
        this.masterPort = port;
        if (user != null) {
            this.masterUser = user;
        }
    }

    synchronized void threads(Boolean io, Boolean sql) {
        if (io != null) {
            ioStarted = io;
            if (!io) {
                ioErrno = 0;
                ioError = "";
            }
        }
        if (sql != null) {
            sqlStarted = sql;
        }
    }

    /** RESET SLAVE ALL: no source any more. */
    synchronized void resetReplica() {
        masterHost = null;
        masterPort = 0;
        masterUser = "";
        ioStarted = false;
        sqlStarted = false;
        ioErrno = 0;
        ioError = "";
    }

    synchronized int ioErrno() {
        return ioErrno;
    }

    synchronized String ioError() {
        return ioError;
    }

    synchronized void ioFailure(int errno, String error) {
        this.ioErrno = errno;
        this.ioError = error;
    }

    synchronized long lagSeconds() {
        return lagSeconds;
    }

    synchronized void lagSeconds(long lag) {
        this.lagSeconds = Math.max(0, lag);
    }

    synchronized long seq() {
        return seq;
    }

    synchronized long originId() {
        return originId;
    }

    synchronized void position(long seq, long originId) {
        this.seq = seq;
        this.originId = originId;
        notifyAll();
    }

    /** A primary's write: one more transaction of its own. */
    synchronized void write() {
        seq++;
        originId = serverId;
        notifyAll();
    }

    /** Waits until the position reaches seq; false on timeout. */
    synchronized boolean awaitSeq(long target, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (seq < target) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** MariaDB's GTID position text: "0-origin-seq", empty before the first transaction. */
    synchronized String gtid() {
        return seq == 0 ? "" : "0-" + originId + "-" + seq;
    }

    /** The position of this server's own binary log. */
    synchronized long binlogPos() {
        return FIRST_POS + seq * EVENT_BYTES;
    }

    long uptimeSeconds() {
        return (System.currentTimeMillis() - started) / 1000;
    }

    @Override
    public String toString() {
        return key();
    }
}
