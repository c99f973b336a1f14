#if canImport(Glibc)
import Glibc
#endif

/// Blocks the calling thread for a few milliseconds (short retries around the kernel).
func usleepMilliseconds(_ milliseconds: UInt32) {
    usleep(milliseconds * 1000)
}
