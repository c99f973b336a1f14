import ArgumentParser
import ContainerRuntime

/// `run --device HOST[:CONTAINER[:PERMISSIONS]]`, as Docker spells it: a host device node made
/// in the container and allowed by its devices cgroup (ContainerRuntime/DeviceMapping.swift).
struct DeviceFlags: ParsableArguments {
    @Option(name: .customLong("device"),
            help: ArgumentHelp("Add a host device to the container, e.g. /dev/fuse or /dev/null:/dev/mynull:r.",
                               valueName: "HOST[:CONTAINER[:rwm]]"))
    var device: [String] = []

    func validate() throws {
        _ = try parsed()
    }

    /// The mappings, or Docker's error naming the value it refuses.
    func parsed() throws -> [DeviceMapping] {
        try device.map { value in
            do {
                return try DeviceMapping.parse(value)
            } catch {
                throw ValidationError("invalid argument \"\(value)\" for \"--device\" flag: \(error)")
            }
        }
    }
}
