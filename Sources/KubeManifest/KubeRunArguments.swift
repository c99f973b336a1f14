/// How one container of a pod spec becomes `dockyard run` flags: `command` is `--entrypoint`
/// plus the first words of the command (Docker's --entrypoint takes one word and clears the
/// image's CMD, as Kubernetes' `command` does), `args` the rest; `env`, `workingDir`,
/// `resources`, `securityContext` and `volumeMounts` their flags.
struct KubeRunArguments {
    let pod: KubePod

    var podName: String { pod.metadata.name ?? "" }

    func container(_ container: KubeContainer, path: String, isInit: Bool) throws -> KubePlayPlan.Container {
        var flags: [String] = ["--name=\(podName)-\(container.name)"]
        flags += ["--pull=" + pullPolicy(container.imagePullPolicy)]
        if !isInit { flags += ["--restart=" + restart(pod.spec.restartPolicy)] }
        if pod.spec.hostNetwork == true { flags += ["--network=host", "--uts=host"] }
        if let seconds = pod.spec.terminationGracePeriodSeconds { flags += ["--stop-timeout=\(seconds)"] }
        for (key, value) in labels() { flags += ["--label=\(key)=\(value)"] }
        for variable in container.env ?? [] { flags += ["--env=\(variable.name)=\(variable.value ?? "")"] }
        if let directory = container.workingDir { flags += ["--workdir=\(directory)"] }
        flags += try resources(container.resources)
        let (security, nonRoot) = try securityFlags(container.securityContext, path: path, container: container.name)
        flags += security
        flags += try mounts(container.volumeMounts ?? [], path: path)
        var process = container.args ?? []
        if let command = container.command, let first = command.first {
            flags += ["--entrypoint=\(first)"]
            process = Array(command.dropFirst()) + process
        }
        return KubePlayPlan.Container(name: "\(podName)-\(container.name)", arguments: flags + [container.image ?? ""] + process,
                                      mustRunAsNonRoot: nonRoot)
    }

    /// The pod's labels and annotations, on each of its containers.
    func labels() -> [(String, String)] {
        let all = (pod.metadata.labels ?? [:]).merging(pod.metadata.annotations ?? [:]) { label, _ in label }
        return all.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    func pullPolicy(_ policy: String?) -> String {
        switch policy {
        case "Always": "always"
        case "Never": "never"
        default: "missing"
        }
    }

    /// Kubernetes restarts a pod's containers itself (Always, the default); Docker's monitor does it here.
    func restart(_ policy: String?) -> String {
        switch policy {
        case "Never": "no"
        case "OnFailure": "on-failure"
        default: "always"
        }
    }

    func resources(_ resources: KubeResources?) throws -> [String] {
        var flags: [String] = []
        if let memory = resources?.limits?["memory"].flatMap(KubeQuantity.bytes) { flags.append("--memory=\(memory)") }
        if let cpu = resources?.limits?["cpu"].flatMap(KubeQuantity.cores) { flags.append("--cpus=\(cpu)") }
        if let memory = resources?.requests?["memory"].flatMap(KubeQuantity.bytes) { flags.append("--memory-reservation=\(memory)") }
        // The kubelet's conversion of a CPU request to cgroup v1 shares: 1024 per core, at least 2.
        if let cpu = resources?.requests?["cpu"].flatMap(KubeQuantity.cores) { flags.append("--cpu-shares=\(max(2, Int(cpu * 1024)))") }
        return flags
    }
}
