package crawler.bench.judge;

import static crawler.bench.judge.Verdicts.CPU_FLOOR;
import static crawler.bench.judge.Verdicts.CPU_MARGIN;
import static crawler.bench.judge.Verdicts.GROWTH;
import static crawler.bench.judge.Verdicts.HEADROOM;
import static crawler.bench.judge.Verdicts.MIN_RUNS;
import static crawler.bench.judge.Verdicts.compare;
import static crawler.bench.judge.Verdicts.differs;
import static crawler.bench.judge.Verdicts.spread;

import crawler.bench.probe.CpuScaling;
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

/**
 * Claims 4 and 5: which model fits a kind of work, I/O-bound (throughput against concurrency,
 * below the machine's ceiling) and CPU-bound (speed-up over one unit, on threads and on
 * processes). Both compare min-max spreads: overlapping spreads are "no difference".
 */
final class ScalingClaims {

    static final String RULE_4 = "c / latency at most " + HEADROOM + " x the ceiling measured in this run (a zero-latency cell, or any faster crawl); threads fit when their"
            + " pages/s grows at least " + GROWTH + " x as fast as c and efficiency >= " + GROWTH + "; then threads vs processes at the top"
            + " such level: supported if the thread min beats the process max, not supported if below the process min (or threads do"
            + " not grow), no difference if the spreads overlap; >= " + MIN_RUNS + " runs per cell";
    static final String RULE_5 = "CPU work with no network: a warm JVM's one-unit run against N threads in it and N warm one-thread"
            + " JVMs, the three runs interleaved in each of >= " + MIN_RUNS + " rounds, each speed-up over its round's one-unit run;"
            + " not judged unless a mode's median speed-up reaches " + CPU_FLOOR + " x min(N, cores); a difference counts only when"
            + " the spreads do not overlap and one median is >= " + CPU_MARGIN + " x the other: supported if processes scale better,"
            + " not supported if threads do, no difference otherwise";

    private ScalingClaims() {
    }

    /** Clean cells at the I/O latency whose c / latency stays well below the ceiling, by concurrency. */
    private static List<CellResult> belowCeiling(BenchResult r, Substrate s, double ceiling) {
        return r.cells(Workload.IO, s).stream()
                .filter(c -> c.clean() && c.cell().latencyMillis() > 0 && c.runs().size() >= MIN_RUNS
                        && c.cell().concurrency() * 1000.0 / c.cell().latencyMillis() <= HEADROOM * ceiling)
                .sorted(Comparator.comparingInt(c -> c.cell().concurrency())).toList();
    }

    static Verdict claim4(BenchResult r) {
        String text = "crawling is I/O-bound, so threads fit it";
        Optional<Double> ceiling = r.zeroLatencyCeiling();
        if (ceiling.isEmpty()) {
            return new Verdict(4, text, Outcome.NOT_MEASURED,
                    "no clean zero-latency cell in this run to measure the machine's ceiling", RULE_4);
        }
        double top = ceiling.get();
        String ceilingNote = String.format(Locale.ROOT, "ceiling %s pages/s (a zero-latency cell, or any crawl that went faster; %d cores)",
                Fmt.rate(top), r.machine().cores());
        Optional<List<CellResult>> threads = List.of(Substrate.VIRTUAL, Substrate.PLATFORM).stream()
                .map(s -> belowCeiling(r, s, top)).filter(l -> l.size() >= 2).findFirst();
        List<CellResult> procs = belowCeiling(r, Substrate.PROCESS, top);
        if (threads.isEmpty() || procs.isEmpty()) {
            return new Verdict(4, text, Outcome.NOT_MEASURED, ceilingNote + "; needs two thread-mode levels and a process-mode level"
                    + " with c / latency <= " + HEADROOM + " x ceiling and " + MIN_RUNS + " clean runs each", RULE_4);
        }
        List<CellResult> t = threads.get();
        CellResult lo = t.getFirst();
        CellResult hi = t.getLast();
        double growth = hi.pagesPerSecond().median() / lo.pagesPerSecond().median();
        double cGrowth = (double) hi.cell().concurrency() / lo.cell().concurrency();
        boolean fit = growth >= GROWTH * cGrowth && hi.efficiency() >= GROWTH;
        String label = hi.cell().substrate().label();
        String grows = String.format(Locale.ROOT, "%s at latency %d ms: c=%d %s pages/s -> c=%d %s pages/s (x%s for x%s in c, efficiency %s)",
                label, hi.cell().latencyMillis(), lo.cell().concurrency(), Fmt.rate(lo.pagesPerSecond().median()),
                hi.cell().concurrency(), Fmt.rate(hi.pagesPerSecond().median()), Fmt.ratio(growth), Fmt.ratio(cGrowth),
                Fmt.ratio(hi.efficiency()));
        // Threads against processes at the highest level both ran below the ceiling.
        Optional<CellResult> pAt = procs.stream().filter(p -> t.stream().anyMatch(x -> x.cell().concurrency() == p.cell().concurrency()))
                .max(Comparator.comparingInt(p -> p.cell().concurrency()));
        if (!fit) {
            return new Verdict(4, text, Outcome.NOT_SUPPORTED, grows + ": throughput did not grow with c; " + ceilingNote, RULE_4);
        }
        if (pAt.isEmpty()) {
            return new Verdict(4, text, Outcome.NOT_MEASURED, grows + "; no process-mode cell at the same level; " + ceilingNote, RULE_4);
        }
        CellResult p = pAt.get();
        CellResult th = t.stream().filter(x -> x.cell().concurrency() == p.cell().concurrency()).findFirst().orElseThrow();
        int cmp = compare(th.pagesPerSecond(), p.pagesPerSecond());
        Outcome o = cmp > 0 ? Outcome.SUPPORTED : cmp < 0 ? Outcome.NOT_SUPPORTED : Outcome.NO_DIFFERENCE;
        String vs = String.format(Locale.ROOT, "c=%d: %s %s pages/s vs process %s %s pages/s", p.cell().concurrency(), label,
                spread(th.pagesPerSecond(), Fmt::rate), p.cell().shape(), spread(p.pagesPerSecond(), Fmt::rate));
        String meaning = switch (o) {
            case SUPPORTED -> "threads fit, and beat processes";
            case NOT_SUPPORTED -> "threads fit, but processes were faster";
            default -> "threads fit I/O, and so do processes: the spreads overlap";
        };
        return new Verdict(4, text, o, meaning + ": " + grows + "; " + vs + "; " + ceilingNote, RULE_4);
    }

    static Verdict claim5(BenchResult r) {
        String text = "CPU-bound work fits processes (Python: the GIL); the JVM has no GIL";
        CpuScaling s = r.probes().cpu();
        if (s == null || s.rounds() < MIN_RUNS) {
            return new Verdict(5, text, Outcome.NOT_MEASURED, "no CPU-scaling probe with " + MIN_RUNS
                    + " rounds in this run (it runs with the cpu workload)", RULE_5);
        }
        int ideal = Math.min(s.units(), r.machine().cores());
        String figures = String.format(Locale.ROOT, "speed-up of %d units over 1, %.1f s of hash work per unit, no network,"
                        + " %d interleaved rounds (at most %dx on %d cores): threads in 1 JVM %sx, %d one-thread JVMs %sx",
                s.units(), s.unitMillis() / 1000.0, s.rounds(), ideal, r.machine().cores(), spread(s.threads(), Fmt::ratio),
                s.units(), spread(s.processes(), Fmt::ratio));
        if (Math.max(s.threads().median(), s.processes().median()) < CPU_FLOOR * ideal) {
            // Neither scaled: the cores were not free for the units, so the comparison says nothing about the models.
            return new Verdict(5, text, Outcome.NOT_MEASURED, String.format(Locale.ROOT,
                    "not judged: no mode reached %.1fx (%s)%s", CPU_FLOOR * ideal, figures,
                    r.otherCpuShare() >= 0 ? String.format(Locale.ROOT, "; other processes used %.0f%% of the CPU meanwhile",
                            100 * r.otherCpuShare()) : ""), RULE_5);
        }
        int cmp = differs(s.processes(), s.threads(), CPU_MARGIN);
        Outcome o = cmp > 0 ? Outcome.SUPPORTED : cmp < 0 ? Outcome.NOT_SUPPORTED : Outcome.NO_DIFFERENCE;
        String meaning = switch (o) {
            case SUPPORTED -> "processes scaled better than threads here, as the seed says";
            case NOT_SUPPORTED -> "Java threads scaled better than processes: the seed's claim holds for CPython's GIL and does"
                    + " not carry over to the JVM";
            default -> "Java threads scale like processes on CPU work: the seed's claim holds for CPython's GIL and does not"
                    + " carry over to the JVM";
        };
        return new Verdict(5, text, o, meaning + "; " + figures, RULE_5);
    }
}
