# Sourced by quorch's scripts: exports JAVA_HOME pointing at a JDK 21 or newer, and sets
# QUORCH_JAVA_MAJOR to its feature version (e.g. 25).
# Order: $JAVA_HOME if new enough, then the newest JDK found in the usual places.

quorch_java_major() {
  # prints the feature version of the java binary in $1 (e.g. 17, 21, 25), or nothing
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)
  case "$v" in
    1.*) echo "${v#1.}" ;;
    *) echo "$v" ;;
  esac
}

quorch_find_java() {
  local min=21 best="" best_major=0 dir major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(quorch_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
      QUORCH_JAVA_MAJOR=$major
      return 0
    fi
  fi
  for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major=$(quorch_java_major "$dir/bin/java")
    [ -n "$major" ] || continue
    if [ "$major" -ge "$min" ] && [ "$major" -gt "$best_major" ]; then
      best="$dir"; best_major="$major"
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    dir=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(quorch_java_major "$dir/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then best="$dir"; best_major="$major"; fi
  fi
  if [ -z "$best" ]; then
    echo "quorch: no JDK $min or newer found (JAVA_HOME=${JAVA_HOME:-unset}; looked in /usr/lib/jvm and /opt/java)." >&2
    echo "quorch: install a JDK $min+ (for example Temurin or openjdk-21-jdk) or point JAVA_HOME at one." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  QUORCH_JAVA_MAJOR=$best_major
}

quorch_find_java || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
