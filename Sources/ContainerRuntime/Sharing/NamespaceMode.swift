/// Where a container's pid, ipc or uts namespace comes from — Docker's `--pid`, `--ipc` and
/// `--uts` modes. By default a container makes its own with clone(2); `host` keeps dockyard's
/// (the host's), and `container:NAME` enters another running container's with setns(2), so both
/// see the same processes (pid) or System V IPC objects and /dev/shm (ipc). A namespace lives as
/// long as any process is in it: a joiner keeps it after the container it came from has stopped.
public enum NamespaceMode: Sendable, Hashable {
    /// Its own namespace, made at clone.
    case `private`
    /// Its own, and others may join it (`--ipc shareable`; Docker's IPC rule).
    case shareable
    /// The host's namespace: no new one is made.
    case host
    /// Another container's: its id once created (Docker records the id, not the name typed).
    case container(String)

    /// Docker's spellings: "" or "private", "shareable", "host", "container:NAME|ID"; nil for
    /// anything else, or a mode the flag does not take.
    public init?(parsing text: String, for flag: Flag) {
        let mode: NamespaceMode
        switch text {
        case "", "private": mode = .private
        case "shareable": mode = .shareable
        case "host": mode = .host
        default:
            guard text.hasPrefix("container:"), text.count > "container:".count else { return nil }
            mode = .container(String(text.dropFirst("container:".count)))
        }
        guard flag.takes(mode.kind) else { return nil }
        self = mode
    }

    /// The mode's kind, without its container.
    public enum Kind: Sendable, Hashable {
        case `private`, shareable, host, container
    }

    public var kind: Kind {
        switch self {
        case .private: .private
        case .shareable: .shareable
        case .host: .host
        case .container: .container
        }
    }

    /// Which flag a mode is read for. Docker's: `--pid host|container:`, `--ipc
    /// private|shareable|host|container:`, `--uts host`; a record may hold any mode the engine set
    /// (a pod's containers join its uts namespace, which `--uts` does not offer). A switch, not a
    /// Set: hashing a Set's first elements costs `run` ~0.45 M instructions at start-up.
    public enum Flag: Sendable {
        case pid, ipc, uts, record

        func takes(_ kind: Kind) -> Bool {
            switch (self, kind) {
            case (.record, _), (_, .private), (_, .host), (.ipc, .shareable), (.pid, .container), (.ipc, .container): true
            default: false
            }
        }
    }

    /// The container whose namespace is joined, if any.
    public var container: String? {
        if case let .container(target) = self { target } else { nil }
    }

    /// As Docker writes it in `HostConfig` (`private` as the flag's default spells it: "" for
    /// pid and uts, "private" for ipc).
    public func text(privateAs empty: String = "") -> String {
        switch self {
        case .private: empty
        case .shareable: "shareable"
        case .host: "host"
        case let .container(target): "container:" + target
        }
    }
}
