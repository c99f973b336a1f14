import HostSystem
import Synchronization
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// ParallelWork is what lets `load` unpack several layers at once and `pull` fetch several:
/// the bound must hold, and the jobs must really overlap.
@Suite("Jobs on a bounded number of threads")
struct ParallelWorkTests {
    @Test("every job runs exactly once, never more than `width` at a time, and more than one at a time when allowed")
    func boundedAndComplete() {
        let state = Mutex<(running: Int, most: Int, runs: [Int])>((0, 0, Array(repeating: 0, count: 8)))
        ParallelWork.run(count: 8, width: 3) { i in
            state.withLock { $0.running += 1; $0.most = max($0.most, $0.running); $0.runs[i] += 1 }
            usleep(30_000)  // Long enough that the threads' jobs overlap even on a busy machine.
            state.withLock { $0.running -= 1 }
        }
        let (running, most, runs) = state.withLock { $0 }
        #expect(runs == Array(repeating: 1, count: 8))
        #expect(running == 0)
        #expect(most <= 3 && most >= 2, "at most 3 at once, and the threads did overlap: \(most)")
    }

    @Test("outcomes reach the caller in index order, each as soon as it and those before it are done")
    func deliveredInOrderAsTheyArrive() {
        let delivered = Atomic<Int>(0)
        var order: [Int] = []
        var secondSawFirstDelivered = false
        ParallelWork.run(count: 4, width: 4, { i -> Bool in
            // Job 1 finishes only once job 0's outcome has reached the caller (or after 5 s):
            // the caller must not hold job 0 back until every job is done.
            guard i == 1 else { usleep(UInt32(20_000 * (3 - i))); return false }
            for _ in 0..<500 where delivered.load(ordering: .acquiring) == 0 { usleep(10_000) }
            return delivered.load(ordering: .acquiring) > 0
        }, inOrder: { i, sawFirst in
            order.append(i)
            if i == 1 { secondSawFirstDelivered = sawFirst }
            delivered.wrappingAdd(1, ordering: .releasing)
        })
        #expect(order == [0, 1, 2, 3])
        #expect(secondSawFirstDelivered, "job 0's outcome was held back until job 1 was done")
    }
}
