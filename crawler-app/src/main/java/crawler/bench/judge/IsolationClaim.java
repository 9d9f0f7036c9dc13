package crawler.bench.judge;

import crawler.bench.probe.IsolationScenario;
import crawler.bench.plan.Substrate;
import crawler.bench.plan.Workload;
import crawler.bench.run.BenchResult;
import crawler.bench.run.CellResult;
import crawler.bench.render.Fmt;

import crawler.bench.judge.Verdict.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Claim 8: what one failure takes down, a worker JVM's or one task's in a shared JVM. */
final class IsolationClaim {

    static final String RULE_8 = "supported when the process-mode crawl survives SIGKILLed workers with exactly the ground-truth"
            + " URLs and a thread-mode crawl loses pages or its JVM to one task exhausting the shared heap; not supported if"
            + " neither half holds; mixed if one does";

    private IsolationClaim() {
    }

    /**
     * Claim 8 has two halves. Processes are isolated: the chaos crawl kills worker JVMs mid-crawl
     * and must still fetch exactly the ground-truth URL set, with every killed worker's URLs handed
     * out again. One thread's failure can take down the process: a thread-mode crawl in which one
     * task exhausts the shared heap ({@link IsolationScenario}, the short form of {@code isolate}).
     */
    static Verdict claim8(BenchResult r) {
        String text = "one thread's failure can take down the process; processes are isolated";
        Boolean processes = null;
        String processPart;
        List<CellResult> chaos = r.cells(Workload.CHAOS).stream().filter(c -> !c.skipped()).toList();
        if (chaos.isEmpty()) {
            processPart = "no chaos crawl in this run (workload chaos, process mode)";
        } else if (!chaos.get(0).ok()) {
            CellResult c = chaos.get(0);
            processes = false;
            processPart = String.format(Locale.ROOT, "process %s with a worker SIGKILLed every %d results did not survive intact: %s",
                    c.cell().shape(), c.cell().killWorkerEvery(), c.failure());
        } else if (chaos.get(0).workerDeaths() == 0) {
            CellResult c = chaos.get(0);
            processPart = String.format(Locale.ROOT, "the chaos crawl ended before any worker was killed (%d pages, kill every %d results)",
                    c.pages(), c.cell().killWorkerEvery());
        } else {
            CellResult c = chaos.get(0);
            processes = true;
            processPart = String.format(Locale.ROOT,
                    "process %s: %d worker JVM%s SIGKILLed mid-crawl, %d URLs handed out again, the crawl still fetched"
                            + " exactly the site's %d ground-truth URLs (%d errors)",
                    c.cell().shape(), c.workerDeaths(), c.workerDeaths() == 1 ? "" : "s", c.requeued(), c.pages(), c.errors());
        }
        Boolean threads = null;
        String threadPart;
        IsolationScenario.Row t = r.probes().threadFault();
        if (t == null) {
            threadPart = "the thread-mode half (one task exhausting the shared heap) was not run here; ./crawler isolate runs it";
        } else {
            threads = !t.coordinatorSurvived() || t.lost() > 0;
            threadPart = String.format(Locale.ROOT, "%s threads, one task exhausting the shared heap (%s): %s, %d of %d pages lost%s",
                    t.mode(), t.fault(), t.coordinatorSurvived() ? "the JVM survived" : "the JVM died (exit " + t.exitCode() + ")",
                    t.lost(), t.expected(), t.note().isBlank() ? "" : " (" + t.note() + ")");
        }
        String evidence = processPart + "; " + threadPart;
        if (processes == null || threads == null) {
            return new Verdict(8, text, Outcome.NOT_MEASURED, "needs both halves: " + evidence, RULE_8);
        }
        Outcome o = processes && threads ? Outcome.SUPPORTED : processes || threads ? Outcome.MIXED : Outcome.NOT_SUPPORTED;
        return new Verdict(8, text, o, evidence, RULE_8);
    }
}
