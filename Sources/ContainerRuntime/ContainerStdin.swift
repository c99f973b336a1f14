#if canImport(Glibc)
import Glibc
#endif

/// The standard input of a detached container started with `-i`: a FIFO in its directory
/// (`<root>/containers/<id>/stdin`) that `attach` writes into. The container reads its end; the
/// monitor keeps a write end open for the container's whole life, so the input stays open
/// between attaches (Docker's default, without `--stdin-once`) instead of ending at the first
/// client's EOF.
public struct ContainerStdin: Sendable {
    public static func path(_ paths: ContainerPaths) -> String { paths.directory + "/stdin" }

    /// The container's end (read-only) and the monitor's keeper (write-only); nil if the FIFO
    /// cannot be made.
    public let containerEnd: Int32
    private let keeper: Int32

    public init?(_ paths: ContainerPaths) {
        let path = Self.path(paths)
        unlink(path)
        guard mkfifo(path, 0o600) == 0 else { return nil }
        // Opening the read end first without O_NONBLOCK would wait for a writer: open it
        // non-blocking, then the keeper, then make reads block again.
        let reader = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard reader >= 0 else { return nil }
        let writer = open(path, O_WRONLY | O_CLOEXEC)
        guard writer >= 0 else {
            Glibc.close(reader)
            return nil
        }
        _ = fcntl(reader, F_SETFL, fcntl(reader, F_GETFL) & ~O_NONBLOCK)
        containerEnd = reader
        keeper = writer
    }

    public func close() {
        Glibc.close(containerEnd)
        Glibc.close(keeper)
    }
}
