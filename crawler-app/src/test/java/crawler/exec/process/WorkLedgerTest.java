package crawler.exec.process;

import static org.assertj.core.api.Assertions.assertThat;

import crawler.exec.process.WorkLedger.Assignment;
import crawler.exec.process.WorkLedger.Leftovers;
import crawler.page.PageTask;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WorkLedgerTest {

    private static List<PageTask> tasks(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new PageTask("http://127.0.0.1:1/p" + i, 1)).toList();
    }

    private static WorkLedger ledger(int workers, int maxAttempts) {
        WorkLedger ledger = new WorkLedger(workers, maxAttempts);
        for (int id = 1; id <= workers; id++) {
            ledger.setLive(id, true);
        }
        return ledger;
    }

    private static List<String> urls(List<WorkLedger.Pending> pending) {
        return pending.stream().map(p -> p.task().url()).toList();
    }

    @Test
    void assign_sendsWholeBatchToLeastLoadedWorker_lowestIdOnTie() {
        WorkLedger ledger = ledger(3, 3);

        Assignment first = ledger.assign(tasks(0, 4)).getFirst();
        Assignment second = ledger.assign(tasks(4, 6)).getFirst();
        Assignment third = ledger.assign(tasks(6, 7)).getFirst();
        Assignment fourth = ledger.assign(tasks(7, 8)).getFirst();

        assertThat(List.of(first.workerId(), second.workerId(), third.workerId(), fourth.workerId()))
                .containsExactly(1, 2, 3, 3);
        assertThat(first.tasks()).isEqualTo(tasks(0, 4));
        assertThat(List.of(first.wireBatch(), second.wireBatch(), third.wireBatch())).doesNotHaveDuplicates();
        assertThat(ledger.totalOutstanding()).isEqualTo(8);
    }

    @Test
    void assign_splitsABatch_ratherThanQueueUrlsBehindAWorkerWithNoFreeThread() {
        WorkLedger ledger = new WorkLedger(2, 3, 4);
        ledger.setLive(1, true);
        ledger.setLive(2, true);
        ledger.assign(tasks(0, 3)); // worker 1: 3 of 4 threads busy
        ledger.assign(tasks(3, 6)); // worker 2: 3 of 4

        List<Assignment> split = ledger.assign(tasks(6, 9));

        assertThat(split).extracting(Assignment::workerId).containsExactly(1, 2, 1);
        assertThat(split).extracting(a -> a.tasks().size()).containsExactly(1, 1, 1);
        assertThat(split.stream().flatMap(a -> a.tasks().stream()).toList()).isEqualTo(tasks(6, 9));
        assertThat(List.of(ledger.outstanding(1), ledger.outstanding(2))).containsExactly(5, 4);
    }

    @Test
    void holders_nameTheWorkerHoldingEachUrl_andLeaveOutUrlsNobodyHolds() {
        WorkLedger ledger = ledger(2, 3);
        Assignment a = ledger.assign(tasks(0, 2)).getFirst();
        Assignment b = ledger.assign(tasks(2, 3)).getFirst();
        ledger.complete(a.workerId(), a.wireBatch(), "http://127.0.0.1:1/p0");

        assertThat(ledger.holders(List.of("http://127.0.0.1:1/p0", "http://127.0.0.1:1/p1", "http://127.0.0.1:1/p2",
                "http://127.0.0.1:1/unknown")))
                .containsOnly(java.util.Map.entry("http://127.0.0.1:1/p1", a.workerId()),
                        java.util.Map.entry("http://127.0.0.1:1/p2", b.workerId()));
        assertThat(a.workerId()).isNotEqualTo(b.workerId());
    }

    @Test
    void complete_isTrueOncePerUrl_andFalseForOtherWorkersOrBatches() {
        WorkLedger ledger = ledger(2, 3);
        Assignment a = ledger.assign(tasks(0, 2)).getFirst();
        String url = a.tasks().getFirst().url();

        assertThat(ledger.complete(2, a.wireBatch(), url)).as("not worker 2's").isFalse();
        assertThat(ledger.complete(1, a.wireBatch() + 1, url)).as("other batch").isFalse();
        assertThat(ledger.complete(1, a.wireBatch(), url)).isTrue();
        assertThat(ledger.complete(1, a.wireBatch(), url)).as("second report").isFalse();
        assertThat(ledger.outstanding(1)).isEqualTo(1);
    }

    @Test
    void death_chargesOnlyStartedUrls_andRequeuesTheRestFree() {
        WorkLedger ledger = ledger(2, 3);
        Assignment a = ledger.assign(tasks(0, 3)).getFirst();
        ledger.started(1, a.wireBatch(), tasks(0, 1).getFirst().url());

        Leftovers left = ledger.died(1, true);

        assertThat(left.exhausted()).isEmpty();
        assertThat(left.retry()).extracting(WorkLedger.Pending::attempts).containsExactlyInAnyOrder(1, 0, 0);
        assertThat(left.retry()).allSatisfy(p -> assertThat(p.running()).isFalse());
        assertThat(ledger.outstanding(1)).isZero();
        assertThat(ledger.busiest()).isZero();
    }

    @Test
    void deathWeCausedOurselves_chargesNoUrl() {
        WorkLedger ledger = ledger(2, 1);
        Assignment a = ledger.assign(tasks(0, 2)).getFirst();
        ledger.started(1, a.wireBatch(), tasks(0, 1).getFirst().url());

        Leftovers left = ledger.died(1, false);

        assertThat(left.exhausted()).as("max attempts is 1, yet nothing is given up").isEmpty();
        assertThat(left.retry()).extracting(WorkLedger.Pending::attempts).containsOnly(0);
    }

    @Test
    void urlRunningAtEveryDeath_isExhaustedAtMaxAttempts() {
        WorkLedger ledger = ledger(2, 3);
        String poison = tasks(0, 1).getFirst().url();
        List<Assignment> next = ledger.assign(tasks(0, 1));
        List<Leftovers> deaths = new ArrayList<>();
        for (int death = 0; death < 3; death++) {
            Assignment a = next.getFirst();
            ledger.started(a.workerId(), a.wireBatch(), poison);
            Leftovers left = ledger.died(a.workerId(), true);
            ledger.setLive(a.workerId(), true); // respawned
            deaths.add(left);
            next = ledger.spread(left.retry());
        }

        assertThat(deaths.get(0).retry()).extracting(WorkLedger.Pending::attempts).containsExactly(1);
        assertThat(deaths.get(1).retry()).extracting(WorkLedger.Pending::attempts).containsExactly(2);
        assertThat(urls(deaths.get(2).exhausted())).containsExactly(poison);
        assertThat(deaths.get(2).retry()).isEmpty();
        assertThat(ledger.totalOutstanding()).isZero();
    }

    @Test
    void spread_splitsLeftoversOverLiveWorkers_leastLoadedFirst() {
        WorkLedger ledger = ledger(3, 3);
        ledger.assign(tasks(0, 5)); // worker 1
        ledger.assign(tasks(5, 6)); // worker 2
        Leftovers left = ledger.died(1, true);

        List<Assignment> assignments = ledger.spread(left.retry());

        assertThat(assignments).extracting(Assignment::workerId).containsExactly(3, 2);
        assertThat(assignments).extracting(a -> a.tasks().size()).containsExactly(2, 3);
        assertThat(assignments.stream().flatMap(a -> a.tasks().stream()).map(PageTask::url))
                .containsExactlyInAnyOrderElementsOf(urls(left.retry()));
    }

    @Test
    void noLiveWorker_assignsNothing() {
        WorkLedger ledger = new WorkLedger(2, 3);

        assertThat(ledger.anyLive()).isFalse();
        assertThat(ledger.assign(tasks(0, 2))).isEmpty();
        assertThat(ledger.totalOutstanding()).isZero();
    }

    @Test
    void busiest_isTheLiveWorkerHoldingMost() {
        WorkLedger ledger = ledger(3, 3);
        ledger.assign(tasks(0, 2)); // worker 1
        ledger.assign(tasks(2, 7)); // worker 2
        ledger.assign(tasks(7, 8)); // worker 3

        assertThat(ledger.busiest()).isEqualTo(2);
        ledger.setLive(2, false);
        assertThat(ledger.busiest()).isEqualTo(1);
    }
}
