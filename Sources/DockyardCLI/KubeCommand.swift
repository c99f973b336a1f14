import ArgumentParser

/// `dockyard kube`: Kubernetes Pod manifests, as `podman kube` plays them on one machine.
struct KubeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kube", abstract: "Play Kubernetes Pod manifests locally.",
        discussion: """
        A v1 Pod (or the pod template of an apps/v1 Deployment) runs as a Dockyard pod: its \
        containers join the pod's network, IPC and UTS namespaces, as the kubelet has containerd \
        and runc do on a node. Fields Dockyard does not support are refused with their path.
        """,
        subcommands: [KubePlayCommand.self, KubeDownCommand.self, KubeGenerateCommand.self])

    /// The pods of a manifest file (`-`: standard input), checked and planned; refusals exit 125 with the field's path.
    static func plans(in file: String) throws -> [KubePlan] {
        let yaml: [UInt8]
        do { yaml = try FileBytes.read(file) } catch {
            StandardError.line("dockyard: cannot read \(file): \(error.reason)")
            throw ExitCode(125)
        }
        do { return try KubeHelper.plans(yaml: yaml) } catch let refusal as KubeHelper.Refusal {
            StandardError.line("dockyard: \(file): \(refusal)")
            throw ExitCode(125)
        } catch {
            StandardError.line("dockyard: \(file): \(error)")
            throw ExitCode(125)
        }
    }
}
