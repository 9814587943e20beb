package io.quorch.domain;

import java.util.Comparator;

/** A position in a binary log (or relay log): file and offset. */
public record BinlogCoordinates(String logFile, long logPos) implements Comparable<BinlogCoordinates> {

    public static final BinlogCoordinates NONE = new BinlogCoordinates("", 0);

    private static final Comparator<BinlogCoordinates> ORDER = Comparator
            .comparingLong(BinlogCoordinates::fileNumber)
            .thenComparing(BinlogCoordinates::logFile)
            .thenComparingLong(BinlogCoordinates::logPos);

    public BinlogCoordinates {
        logFile = logFile == null ? "" : logFile;
    }

    public boolean isEmpty() {
        return logFile.isEmpty();
    }

    /** The numeric suffix of "mysql-bin.000042", or -1. */
    public long fileNumber() {
        int dot = logFile.lastIndexOf('.');
        if (dot < 0) {
            return -1;
        }
        try {
            return Long.parseLong(logFile.substring(dot + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public int compareTo(BinlogCoordinates o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return logFile + ":" + logPos;
    }
}
