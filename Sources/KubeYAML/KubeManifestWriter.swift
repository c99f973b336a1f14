import KubeManifest
import Yams

/// `kube generate`: a pod written back as a `v1` Pod manifest, in the shape `podman kube generate`
/// prints (a comment saying what made it, then the YAML), which `kube play` accepts again.
public enum KubeManifestWriter {
    public static func yaml(_ pod: KubePod, version: String) throws -> String {
        let body = try YAMLEncoder().encode(pod)
        return """
        # Save the output of this file and use kubectl create -f to import
        # it into Kubernetes.
        #
        # Created with dockyard-\(version)

        """ + body
    }
}
