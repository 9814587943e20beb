# Sourced by quorch's scripts: the JVM options quorch runs with unless QUORCH_JAVA_OPTS says otherwise.
# The serial collector suits quorch's modest heap and two-core machines: least CPU and memory; a
# 64 MiB initial heap spares the collections a smaller one runs during startup. C1 only
# (TieredStopAtLevel=1): quorch waits on the network, not on its own code, and on two cores the C2
# compiler's work at startup costs more than its faster code gains. No perf data file (jcmd PID
# still works; only the listings of jps and jcmd miss the process).
: "${QUORCH_JAVA_OPTS:=-XX:+UseSerialGC -Xms64m -Xmx512m -XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:+ExitOnOutOfMemoryError}"
export QUORCH_JAVA_OPTS
