import ContainerRuntime
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// The programs built beside dockyard and run by it — `dockyard-init` (`run --init`, a pod's
/// pause process) and `dockyard-kube` (the kube verbs' YAML) — found in dockyard's own directory.
enum SiblingExecutable {
    /// The path of `name` beside dockyard; `neededBy` says which command wants it when it is missing.
    static func path(_ name: String, neededBy command: String) throws -> String {
        let own = Daemon.ownExecutable
        let path = String(own[..<(own.lastIndex(of: "/") ?? own.startIndex)]) + "/" + name
        guard access(path, X_OK) == 0 else {
            throw RuntimeError(code: .notFound, "\(command) needs \(name) next to dockyard (\(path)): build it with `swift build --product \(name)`")
        }
        return path
    }
}
