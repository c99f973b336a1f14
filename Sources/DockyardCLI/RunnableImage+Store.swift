import HostSystem
import ContainerRuntime
import DockerfileSyntax
import Explain
import ImageStore
import LinuxKernel
import OCI

/// Where `run` finds the image it runs, picked once with the host (Engine): nothing on the run
/// path asks whether it is simulated.
protocol RunnableImageSource: Sendable {
    func runnable(_ name: String, events: any EventSink, pull: PullPolicy) throws -> RunnableImage
}

/// The image store: the image resolved (pulled when missing, busybox made offline on first use)
/// and its layers unpacked.
struct StoredImages: RunnableImageSource {
    let root: String
    func runnable(_ name: String, events: any EventSink, pull: PullPolicy) throws -> RunnableImage {
        let store = try ImageStore(root: root)
        if pull == .always { try pull.apply(to: name, store: store, events: events) }
        do {
            return try RunnableImage.resolve(name, store: store, events: events)
        } catch let error as ImageStoreError where error.code == .imageNotFound && pull == .missing {
            // Only a missing image costs a second look: `run`'s usual path reads the store once.
            try pull.apply(to: name, store: store, events: events)
            return try RunnableImage.resolve(name, store: store, events: events)
        }
    }
}

/// The simulation's images: described, nothing written.
struct SimulatedImages: RunnableImageSource {
    let root: String
    func runnable(_ name: String, events: any EventSink, pull: PullPolicy) throws -> RunnableImage {
        RunnableImage.simulated(name, root: root, events: events)
    }
}

extension RunnableImage {
    /// Looks an image up in the store (making busybox offline on first use) and unpacks its
    /// layers, giving the runtime just what it needs to run it.
    static func resolve(_ name: String, store: ImageStore, events: any EventSink) throws -> RunnableImage {
        let image = try store.resolve(name, events: events)
        let lowerdirs = try store.unpackedLayers(of: image, events: events)
        return RunnableImage(image, name: name, lowerdirs: lowerdirs)
    }

    /// The simulation's view of an image: its config from the store if it is there, its layers
    /// where they would be unpacked, and nothing written. Without busybox-static, a stand-in
    /// busybox is described instead.
    static func simulated(_ name: String, root: String, events: any EventSink) -> RunnableImage {
        if let reference = try? ImageReference(parsing: name),
           let store = try? ImageStore(root: root), let image = try? store.image(reference) {
            let lowerdirs = image.config.rootfs.diffIDs.map { "\(root)/layers/\($0.hex)" }
            for (diffID, directory) in zip(image.config.rootfs.diffIDs, lowerdirs) {
                events.emit(Event(.layerUnpacked(digest: diffID.string, directory: directory, files: 0), simulated: true))
            }
            return RunnableImage(image, name: name, lowerdirs: lowerdirs)
        }
        let fakeLayer = "\(root)/layers/" + String(repeating: "5", count: 64)
        events.emit(Event(.layerUnpacked(digest: "sha256:" + String(repeating: "5", count: 64), directory: fakeLayer, files: 0),
                          simulated: true))
        return RunnableImage(reference: name, id: "sha256:" + String(repeating: "5", count: 64), lowerdirs: [fakeLayer],
                             environment: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                             entrypoint: [], command: ["sh"], workingDirectory: "/", user: "")
    }

    init(_ image: StoredImage, name: String, lowerdirs: [String]) {
        let config = image.config.config
        self.init(reference: name, id: image.id.string, lowerdirs: lowerdirs,
                  environment: config?.env ?? [], entrypoint: config?.entrypoint ?? [],
                  command: config?.cmd ?? [], workingDirectory: config?.workingDir ?? "",
                  user: config?.user ?? "", exposedPorts: config?.exposedPorts ?? [],
                  stopSignal: config?.stopSignal.flatMap(Signal.number(named:)))
        labels = config?.labels ?? [:]
    }
}
