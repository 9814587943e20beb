# Sourced by quorch's scripts: the JVM options quorch runs with unless QUORCH_JAVA_OPTS says otherwise.
# The serial collector suits quorch's small heap and two-core machines: least CPU and memory.
: "${QUORCH_JAVA_OPTS:=-XX:+UseSerialGC -Xmx512m -XX:+ExitOnOutOfMemoryError}"
export QUORCH_JAVA_OPTS
