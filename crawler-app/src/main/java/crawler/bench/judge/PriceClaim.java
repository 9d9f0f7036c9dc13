package crawler.bench.judge;

import static crawler.bench.judge.Verdicts.SWITCH_MARGIN;
import static crawler.bench.judge.Verdicts.differs;

import crawler.bench.probe.HandOff;
import crawler.bench.probe.ParkedUnits;
import crawler.bench.probe.UnitStartup;
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

/** Claim 7: what a unit of concurrency costs, in memory and in a switch, threads against processes. */
final class PriceClaim {

    static final String RULE_7 = "memory: a parked thread's PSS against a JVM at rest (or a worker JVM's extra PSS); switching:"
            + " microseconds per token hand-off, thread pairs against two processes over a pipe, min-max over "
            + HandOff.ROUNDS + " runs each, the kinds' runs interleaved; faster only when the spreads do not overlap and one median"
            + " is >= " + SWITCH_MARGIN + " x the other; supported if both favour threads, not supported if neither does, mixed otherwise";

    private PriceClaim() {
    }

    /**
     * Claim 7 is judged on two prices, each measured apart from any crawl. Memory: a parked
     * thread's PSS against a JVM's own (the parked-threads child at rest, else a worker JVM's extra
     * PSS in the crawls). Switching: a token handed between two threads against two processes over a
     * pipe. Start-up is reported, not judged: it is not what the claim says.
     */
    static Verdict claim7(BenchResult r) {
        String text = "threads use less memory and switch context faster";
        List<String> parts = new ArrayList<>();
        Boolean memory = null;
        Optional<Double> jvmKb = r.parkedUnits().stream().filter(p -> p.baselinePssKb() > 0).map(p -> (double) p.baselinePssKb())
                .findFirst().or(() -> workerJvmKb(r));
        List<ParkedUnits> parked = r.parkedUnits().stream().filter(p -> p.pssDeltaKb() >= 0).toList();
        if (!parked.isEmpty()) {
            parts.add("parked alone: " + String.join(", ", parked.stream().map(p -> p.kind() + " " + Fmt.size(p.pssPerUnitKb())).toList())
                    + " PSS each");
        }
        if (jvmKb.isPresent()) {
            parts.add("a JVM " + Fmt.size(jvmKb.get()));
        }
        if (jvmKb.isPresent() && !parked.isEmpty()) {
            memory = jvmKb.get() > parked.stream().mapToDouble(ParkedUnits::pssPerUnitKb).max().orElseThrow();
        }
        Integer switching = null;
        Optional<HandOff> proc = r.probes().handOff("process");
        List<HandOff> threads = r.probes().handOffs().stream().filter(h -> !h.kind().equals("process")).toList();
        if (proc.isPresent() && !threads.isEmpty()) {
            parts.add("one hand-off: " + String.join(", ", r.probes().handOffs().stream().map(HandOff::describe).toList()));
            // Faster: every thread kind's spread lies below the processes'; slower: every one above.
            List<Integer> cmps = threads.stream().map(h -> differs(proc.get().perHandOffMicros(), h.perHandOffMicros(), SWITCH_MARGIN)).toList();
            switching = cmps.stream().allMatch(c -> c > 0) ? 1 : cmps.stream().allMatch(c -> c < 0) ? -1 : 0;
        }
        UnitStartup u = r.unitStartup();
        if (!Double.isNaN(u.virtualMicros())) {
            parts.add(String.format(Locale.ROOT, "start (not judged): virtual thread %.1f us, platform thread %.1f us%s",
                    u.virtualMicros(), u.platformMicros(), Analysis.workerHelloMillis(r) == null ? ""
                            : ", worker JVM " + Fmt.integer(Math.round(Analysis.workerHelloMillis(r).median())) + " ms to hello"));
        }
        if (memory == null || switching == null) {
            return new Verdict(7, text, Outcome.NOT_MEASURED, "needs both halves, memory and switching: " + String.join("; ", parts), RULE_7);
        }
        int favour = (memory ? 1 : 0) + (switching > 0 ? 1 : 0);
        // A tie in switching favours neither side: with cheaper threads the claim is half borne out.
        Outcome o = favour == 2 ? Outcome.SUPPORTED : favour == 0 ? Outcome.NOT_SUPPORTED : Outcome.MIXED;
        return new Verdict(7, text, o, String.join("; ", parts) + switchesPerPage(r), RULE_7);
    }

    /** A worker JVM's extra PSS over the thread-mode cell at the highest process-mode level, kB. */
    private static Optional<Double> workerJvmKb(BenchResult r) {
        Optional<CellResult> proc = Analysis.highest(r, Workload.IO, Substrate.PROCESS).filter(CellResult::measuredUsage);
        Optional<CellResult> thread = proc.flatMap(p -> StructuralClaims.memoryPartner(r, p.cell().concurrency())).filter(CellResult::measuredUsage);
        if (proc.isEmpty() || thread.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((proc.get().peakPssKb().median() - thread.get().peakPssKb().median()) / proc.get().cell().workers());
    }

    private static String switchesPerPage(BenchResult r) {
        Optional<CellResult> proc = Analysis.highest(r, Workload.IO, Substrate.PROCESS);
        if (proc.isEmpty() || !proc.get().measuredUsage()) {
            return "";
        }
        int c = proc.get().cell().concurrency();
        List<CellResult> cells = new ArrayList<>();
        for (Substrate s : List.of(Substrate.VIRTUAL, Substrate.PLATFORM, Substrate.PROCESS)) {
            Analysis.at(r, Workload.IO, s, c).filter(CellResult::measuredUsage).ifPresent(cells::add);
        }
        return "; context switches per page at c=" + c + " (a count, not judged): " + String.join(", ", cells.stream()
                .map(x -> x.cell().substrate().label() + " " + Fmt.ratio(x.contextSwitches().median() / x.pages())).toList());
    }

}
