#if canImport(Glibc)
import Glibc
#endif

/// The outcomes of jobs that finish in any order, waited for one index at a time: a POSIX
/// mutex and condition variable (pthread_cond_wait(3)) over one slot per job. ParallelWork's
/// threads fill the slots; the thread that started them takes each outcome in index order.
final class OrderedOutcomes<Outcome: Sendable>: @unchecked Sendable {
    // @unchecked: `slots` is only touched with `mutex` held.
    private var slots: [Outcome?]
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let arrived = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(arrived, nil)
    }

    deinit {
        pthread_cond_destroy(arrived)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        arrived.deallocate()
    }

    func set(_ index: Int, _ outcome: Outcome) {
        pthread_mutex_lock(mutex)
        slots[index] = outcome
        pthread_cond_broadcast(arrived)
        pthread_mutex_unlock(mutex)
    }

    /// Blocks until job `index` has set its outcome, and takes it.
    func wait(_ index: Int) -> Outcome {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            if let outcome = slots[index] {
                slots[index] = nil
                return outcome
            }
            pthread_cond_wait(arrived, mutex)
        }
    }
}
