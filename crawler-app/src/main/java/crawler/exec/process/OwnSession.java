package crawler.exec.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Puts a worker process in a session, and so a process group, of its own, so that the signal a
 * terminal sends its foreground group on Ctrl-C reaches the coordinator only: the coordinator then
 * stops the workers in order (they finish their URLs) instead of each dying of the signal at once.
 *
 * <p>{@link ProcessBuilder} has no way to choose a child's process group, so on Linux the worker
 * command is run through util-linux {@code setsid(1)} when it is on the PATH. Without {@code -f},
 * setsid forks only when it is a process-group leader, and a child the JVM spawns never is: it
 * calls setsid(2) and execs the worker in place, so the worker keeps the pid the JVM knows (its
 * hello says so, and {@link WorkerProcess} checks it). Where setsid is missing, or elsewhere than
 * Linux, the command is left as it is and the workers share the terminal's process group.
 *
 * <p>Stateless; thread-safe.
 */
final class OwnSession {

    private OwnSession() {
    }

    /** The setsid executable, if this is Linux and one is on the PATH. */
    static Optional<Path> setsid() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of((path == null ? "" : path).split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/bin", "/bin"));
        return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, "setsid"))
                .filter(Files::isExecutable).findFirst();
    }

    /** {@code command} run in a new session when {@code setsid} is given, else unchanged. */
    static List<String> wrap(List<String> command, Optional<Path> setsid) {
        if (setsid.isEmpty()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(command.size() + 1);
        wrapped.add(setsid.get().toString());
        wrapped.addAll(command);
        return List.copyOf(wrapped);
    }
}
