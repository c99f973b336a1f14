import KubeManifest
import KubeYAML
import Testing

/// The translation `kube play` makes: a pod spec into `pod create` and `run --pod` flags.
struct KubePlayPlanTests {
    func plan(_ yaml: String) throws -> KubePlayPlan {
        try KubePlayPlan(try #require(KubeYAML.pods(yaml: yaml).first))
    }

    @Test("command becomes --entrypoint and its first words, args the rest; hostPort is published on the pod")
    func commandAndPorts() throws {
        let plan = try plan(KubeManifestParsingTests.web)
        #expect(plan.pod == KubePlayPlan.Pod(name: "web", shared: ["ipc", "net", "uts"], publish: ["18080:8080"], hostname: nil))
        let server = try #require(plan.containers.first)
        #expect(server.name == "web-server")
        #expect(server.arguments == [
            "--name=web-server", "--pull=missing", "--restart=no", "--label=app=web", "--env=GREETING=hello",
            "--memory=67108864", "--cpus=0.5", "--entrypoint=httpd", "busybox", "-f", "-p", "8080",
        ])
    }

    @Test("args alone replace the image's CMD and keep its ENTRYPOINT")
    func argsAlone() throws {
        let plan = try plan("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: busybox, args: [echo, hi]}\n")
        #expect(plan.containers[0].arguments.suffix(3) == ["busybox", "echo", "hi"])
        #expect(!plan.containers[0].arguments.contains { $0.hasPrefix("--entrypoint") })
        #expect(plan.containers[0].arguments.contains("--restart=always"))
    }

    @Test("securityContext: the container's over the pod's, capabilities, read-only root, no new privileges")
    func security() throws {
        let yaml = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext: {runAsUser: 1000, runAsGroup: 3000, runAsNonRoot: true}
          containers:
          - name: c
            image: busybox
            securityContext:
              runAsUser: 2000
              readOnlyRootFilesystem: true
              allowPrivilegeEscalation: false
              capabilities: {add: [NET_ADMIN], drop: [ALL]}
        """
        let arguments = try plan(yaml).containers[0].arguments
        for flag in ["--user=2000:3000", "--cap-add=NET_ADMIN", "--cap-drop=ALL", "--read-only", "--security-opt=no-new-privileges"] {
            #expect(arguments.contains(flag))
        }
        #expect(try plan(yaml).containers[0].mustRunAsNonRoot == false)
    }

    @Test("runAsNonRoot with runAsUser 0 is refused in the kubelet's words; without runAsUser the image is checked")
    func runAsNonRoot() throws {
        let root = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: busybox\n    securityContext: {runAsNonRoot: true, runAsUser: 0}\n"
        #expect(throws: KubeManifestError("spec.containers[0].securityContext",
                                          "container's runAsUser breaks non-root policy (pod: \"p\", container: c)")) { try plan(root) }
        let unknown = root.replacingOccurrences(of: ", runAsUser: 0", with: "")
        #expect(try plan(unknown).containers[0].mustRunAsNonRoot)
    }

    @Test("emptyDir volumes are the pod's named volumes; hostPath a bind; init containers kept apart")
    func volumes() throws {
        let yaml = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          shareProcessNamespace: true
          hostname: box
          volumes:
          - {name: data, emptyDir: {}}
          - name: logs
            hostPath: {path: /srv/logs, type: DirectoryOrCreate}
          initContainers:
          - name: fill
            image: busybox
            volumeMounts: [{name: data, mountPath: /data}]
          containers:
          - name: c
            image: busybox
            volumeMounts:
            - {name: data, mountPath: /data, readOnly: true}
            - {name: logs, mountPath: /logs}
        """
        let plan = try plan(yaml)
        #expect(plan.pod.shared == ["ipc", "net", "uts", "pid"])
        #expect(plan.pod.hostname == "box")
        #expect(plan.emptyDirs == ["p-data"])
        #expect(plan.initContainers.map(\.name) == ["p-fill"])
        #expect(plan.initContainers[0].arguments.contains("--volume=p-data:/data"))
        #expect(!plan.initContainers[0].arguments.contains { $0.hasPrefix("--restart") })
        let arguments = plan.containers[0].arguments
        #expect(arguments.contains("--volume=p-data:/data:ro"))
        #expect(arguments.contains("--volume=/srv/logs:/logs"))
    }

    @Test("hostNetwork joins the host's network and UTS namespaces and publishes nothing")
    func hostNetwork() throws {
        let yaml = KubeManifestParsingTests.web.replacingOccurrences(of: "restartPolicy: Never", with: "hostNetwork: true")
        let plan = try plan(yaml)
        #expect(plan.pod.shared == ["ipc"])
        #expect(plan.pod.publish.isEmpty)
        #expect(plan.containers[0].arguments.contains("--network=host"))
    }

    @Test("a generated manifest is read back into the same pod")
    func roundTrip() throws {
        let pod = try #require(KubeYAML.pods(yaml: KubeManifestParsingTests.web).first)
        let text = try KubeManifestWriter.yaml(pod, version: "0.1.0")
        #expect(text.hasPrefix("# Save the output of this file"))
        #expect(try KubeYAML.pods(yaml: text) == [pod])
    }
}
