package crawler.bench.run;


import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How {@code crawler compare} starts this project's command line: through the project's own
 * {@code ./crawler} launcher when it can be found next to the build this JVM runs from (so what is
 * timed is what a user runs, launcher included), else {@code java -cp ... crawler.app.Main}.
 *
 * @param command  the words before the subcommand
 * @param launcher whether it is the {@code ./crawler} script
 */
public record Launcher(List<String> command, boolean launcher) {

    public Launcher {
        command = List.copyOf(command);
    }

    /** {@code ./crawler} at {@code script}. */
    public static Launcher script(Path script) {
        return new Launcher(List.of(script.toString()), true);
    }

    /** The JVM this runs in, its class path and main class. */
    public static Launcher thisJvm() {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "crawler.app.Main"));
        return new Launcher(cmd, false);
    }

    /** The launcher next to this build, else this JVM. */
    public static Launcher find() {
        return projectRoot(codeLocation()).map(root -> root.resolve("crawler")).filter(Files::isExecutable)
                .map(Launcher::script).orElseGet(Launcher::thisJvm);
    }

    /**
     * The project's root for a build output: {@code ROOT/crawler-app/target/crawler-app.jar} or
     * {@code ROOT/crawler-app/target/classes}; empty for anything else.
     */
    public static Optional<Path> projectRoot(Path codeLocation) {
        if (codeLocation == null) {
            return Optional.empty();
        }
        Path target = codeLocation.getParent();
        if (target == null || !target.getFileName().toString().equals("target")) {
            return Optional.empty();
        }
        Path module = target.getParent();
        if (module == null || !module.getFileName().toString().equals("crawler-app") || module.getParent() == null) {
            return Optional.empty();
        }
        return Optional.of(module.getParent());
    }

    private static Path codeLocation() {
        try {
            var source = Launcher.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
