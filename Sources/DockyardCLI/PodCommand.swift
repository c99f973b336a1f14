import ArgumentParser
import ContainerRuntime

/// `dockyard pod`: pods, as `podman pod` manages them.
struct PodCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pod", abstract: "Manage pods.",
        discussion: """
        A pod is a set of namespaces (network, IPC and UTS, and PID with --share pid) held open by \
        one small process, the infra container's pause process. Containers run with --pod join them \
        with setns(2): they reach each other on localhost and share the pod's host name and published \
        ports, while each keeps its own mount namespace, root filesystem, user and cgroup (under the pod's).
        """,
        subcommands: [PodCreateCommand.self, PodListCommand.self, PodInspectCommand.self, PodStartCommand.self,
                      PodStopCommand.self, PodRemoveCommand.self])
}

extension Engine {
    /// pod create, start, stop, rm and `run --pod`; containers start through their monitors.
    func pods(explain: ExplainMode? = nil) -> PodLifecycle {
        PodLifecycle(containers: lifecycle, monitor: detachedStart(explain: explain))
    }
}

extension Engine {
    /// `pod start|stop|rm`: `action` on each named pod in turn, its id printed as podman does; the
    /// first failure ends the command with Docker's status for it.
    func eachPod(_ names: [String], _ action: (PodLifecycle, String) throws -> PodRecord) throws {
        sweep()
        for name in names {
            do { print(try action(pods(), name).id.full) }
            catch let failure as DetachedStart.Failure { throw failure.exitCode }
            catch { throw failWithDockerStatus(error) }
        }
    }
}
