#!/bin/sh
# Prints the home of a JDK whose version is at least $1 (default 21): JAVA_HOME if it is new
# enough, else the java on PATH, else the newest JDK under /usr/lib/jvm. Exits 1 with a message
# that names what to install when there is none.
need=${1:-21}
java_on_path=$(command -v java 2>/dev/null)
path_home=""
[ -n "$java_on_path" ] && path_home=$(dirname "$(dirname "$(readlink -f "$java_on_path")")")
for c in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV) "$path_home"; do
  c=${c%/}
  [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
  v=$("$c/bin/java" -XshowSettings:properties -version 2>&1 |
      awk -F'= ' '/java.specification.version/ {print $2; exit}')
  [ "${v%%.*}" -ge "$need" ] 2>/dev/null && { echo "$c"; exit 0; }
done
echo "crawlbench: no JDK $need or newer found (looked at JAVA_HOME, /usr/lib/jvm/* and java on PATH)." >&2
echo "crawlbench: install one, e.g. 'apt-get install openjdk-21-jdk' or a Temurin 21+ JDK, or set JAVA_HOME to it." >&2
exit 1
