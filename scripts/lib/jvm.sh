# Sourced by quorch's scripts: the JVM options quorch runs with unless QUORCH_JAVA_OPTS says otherwise.
# The serial collector with a small initial heap suits quorch's modest heap and two-core machines:
# least CPU and memory. C1 only (TieredStopAtLevel=1): quorch waits on the network, not on its own
# code, and on two cores the C2 compiler's work at startup costs more than its faster code gains.
: "${QUORCH_JAVA_OPTS:=-XX:+UseSerialGC -Xms32m -Xmx512m -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError}"
export QUORCH_JAVA_OPTS
