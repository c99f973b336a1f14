#if canImport(Glibc)
import Glibc
#endif

/// The question every prune asks before deleting, as Docker asks it: the warning, then
/// `Are you sure you want to continue? [y/N] `; only `y` or `yes` goes on. `-f` skips it.
enum PruneConfirmation {
    static func confirmed(_ warning: String, force: Bool) -> Bool {
        if force { return true }
        print(warning)
        print("Are you sure you want to continue? [y/N] ", terminator: "")
        fflush(nil)
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.lowercased())
    }
}
