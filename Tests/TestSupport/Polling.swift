#if canImport(Glibc)
import Glibc
#endif

/// Waiting for something a background process does (a detached container's monitor writing its
/// log or its health): asks `condition` every 50 ms until it holds or `seconds` have passed.
public enum Polling {
    public static func until(seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
        for _ in 0..<Int(seconds * 20) {
            if try condition() { return true }
            usleep(50_000)
        }
        return false
    }
}
