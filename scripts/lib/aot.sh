# Sourced by quorch's scripts (after scripts/lib/java.sh): where the class cache of a built quorch
# lives and the JVM option that records or uses it. JDK 25 and newer keep an AOT cache (app.aot),
# JDK 21-24 an AppCDS archive (app.jsa); scripts/aot-train makes it.

quorch_aot_major() {
  echo "${QUORCH_JAVA_MAJOR:-$(quorch_java_major "$JAVA_HOME/bin/java")}"
}

# The cache file for APP_DIR and this JDK.
quorch_aot_file() {
  if [ "$(quorch_aot_major)" -ge 25 ]; then echo "$1/app.aot"; else echo "$1/app.jsa"; fi
}

# The option a training run records with.
quorch_aot_record_option() {
  if [ "$(quorch_aot_major)" -ge 25 ]; then
    echo "-XX:AOTCacheOutput=$(quorch_aot_file "$1")"
  else
    echo "-XX:ArchiveClassesAtExit=$(quorch_aot_file "$1")"
  fi
}

# The option that uses the cache, when there is one at least as new as the jar; else nothing.
quorch_aot_use_option() {
  local f
  f=$(quorch_aot_file "$(readlink -f "$1")")
  [ -s "$f" ] && [ ! "$1/quarkus-run.jar" -nt "$f" ] || return 0
  if [ "$(quorch_aot_major)" -ge 25 ]; then echo "-XX:AOTCache=$f"; else echo "-XX:SharedArchiveFile=$f"; fi
}
