import KubeManifest
import KubeYAML
import Testing

/// Reading manifests: typed pods from YAML, and every unsupported field refused with its path.
struct KubeManifestParsingTests {
    static let web = """
    apiVersion: v1
    kind: Pod
    metadata:
      name: web
      labels: {app: web}
    spec:
      restartPolicy: Never
      containers:
      - name: server
        image: busybox
        command: ["httpd", "-f"]
        args: ["-p", "8080"]
        env:
        - {name: GREETING, value: hello}
        ports:
        - {containerPort: 8080, hostPort: 18080}
        resources:
          limits: {memory: 64Mi, cpu: 500m}
    """

    @Test("a v1 Pod decodes into its containers, command, args, env, ports and limits")
    func decodesPod() throws {
        let pods = try KubeYAML.pods(yaml: Self.web)
        #expect(pods.count == 1)
        let container = try #require(pods.first?.spec.containers.first)
        #expect(pods[0].metadata.name == "web")
        #expect(container.command == ["httpd", "-f"])
        #expect(container.args == ["-p", "8080"])
        #expect(container.env == [KubeEnvVar(name: "GREETING", value: "hello")])
        #expect(container.ports?.first?.hostPort == 18080)
        #expect(container.resources?.limits?["memory"] == "64Mi")
    }

    @Test("an unsupported field is refused with its path, never ignored")
    func refusesUnknownField() {
        let yaml = Self.web + "\n    livenessProbe:\n      exec: {command: [true]}\n"
        #expect(throws: KubeManifestError.unsupported("spec.containers[0].livenessProbe")) { try KubeYAML.pods(yaml: yaml) }
    }

    @Test("env valueFrom is refused with its path")
    func refusesValueFrom() {
        let yaml = Self.web.replacingOccurrences(of: "{name: GREETING, value: hello}",
                                                 with: "{name: GREETING, valueFrom: {secretKeyRef: {name: s, key: k}}}")
        #expect(throws: KubeManifestError.unsupported("spec.containers[0].env[0].valueFrom")) { try KubeYAML.pods(yaml: yaml) }
    }

    @Test("a kind other than Pod or Deployment is refused, naming it")
    func refusesService() throws {
        let error = #expect(throws: KubeManifestError.self) {
            try KubeYAML.pods(yaml: "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n")
        }
        #expect(error?.description.contains("kind \"Service\"") == true)
    }

    @Test("multi-document YAML gives each pod, in order; a Deployment gives its template as NAME-pod")
    func multiDocument() throws {
        let deployment = """
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api}
        spec:
          replicas: 1
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              containers: [{name: main, image: busybox}]
        ---
        """
        let pods = try KubeYAML.pods(yaml: Self.web + "\n" + deployment)
        #expect(pods.map(\.metadata.name) == ["web", "api-pod"])
        #expect(pods[1].metadata.labels == ["app": "api"])
    }

    @Test("a Deployment of more than one replica is refused")
    func refusesReplicas() {
        let yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers: [{name: m, image: busybox}]\n"
        #expect(throws: KubeManifestError("spec.replicas", "3 is not supported (a local pod is one replica)")) { try KubeYAML.pods(yaml: yaml) }
    }

    @Test("values are checked: names, policies, quantities, volume references; subPath is refused")
    func checksValues() {
        func refusal(_ from: String, _ to: String) -> String? {
            do { _ = try KubeYAML.pods(yaml: Self.web.replacingOccurrences(of: from, with: to)); return nil } catch { return "\(error)" }
        }
        #expect(refusal("name: server", "name: Server")?.hasPrefix("spec.containers[0].name: \"Server\" must consist") == true)
        #expect(refusal("restartPolicy: Never", "restartPolicy: Sometimes")?.hasPrefix("spec.restartPolicy: Unsupported value: \"Sometimes\"") == true)
        #expect(refusal("memory: 64Mi", "memory: lots") == "spec.containers[0].resources.limits.memory: \"lots\" is not a quantity (e.g. 64Mi, 1G)")
        #expect(refusal("cpu: 500m", "nvidia.com/gpu: 1") == "spec.containers[0].resources.limits.nvidia.com/gpu: not supported")
        #expect(refusal("hostPort: 18080", "hostPort: 70000") == "spec.containers[0].ports[0].hostPort: 70000 is not a port number (1-65535)")
        #expect(refusal("    ports:", "    volumeMounts: [{name: nope, mountPath: /x}]\n    ports:")
                == "spec.containers[0].volumeMounts[0].name: no volume named \"nope\" in spec.volumes")
        #expect(refusal("image: busybox", "imagePullPolicy: Always") == "spec.containers[0].image: is required")
        #expect(refusal("name: web", "name: ..")?.hasPrefix("metadata.name: \"..\" must consist") == true)
        #expect(refusal("    ports:", "    volumeMounts: [{name: w, mountPath: /x, subPath: ../..}]\n    ports:")
                == "spec.containers[0].volumeMounts[0].subPath: not supported")
    }

    @Test("memory and CPU quantities in Kubernetes' units")
    func quantities() {
        #expect(KubeQuantity.bytes("64Mi") == 67_108_864)
        #expect(KubeQuantity.bytes("1Gi") == 1_073_741_824)
        #expect(KubeQuantity.bytes("128M") == 128_000_000)
        #expect(KubeQuantity.bytes("512Ki") == 524_288)
        #expect(KubeQuantity.bytes("2k") == 2000)
        #expect(KubeQuantity.bytes("1000") == 1000)
        #expect(KubeQuantity.bytes("-1Mi") == nil)
        #expect(KubeQuantity.cores("500m") == 0.5)
        #expect(KubeQuantity.cores("2") == 2)
        #expect(KubeQuantity.cores("0.25") == 0.25)
        #expect(KubeQuantity.cores("m") == nil)
    }
}
