import Explain

extension VolumeStore {
    /// What `docker run` does with `-v NAME:/path` before the container exists: the named volume is
    /// created if it is new (an anonymous `-v /path` gets a random name first), and a volume that is
    /// still empty is filled with what the image has at its path. Returns the mounts with every
    /// volume named. `fill(imagePath, volumeDirectory)` copies from the image (reading image layers
    /// is the image store's job, so the caller provides it).
    public func prepare(_ mounts: [VolumeMount], events: any EventSink,
                        fill: (_ imagePath: String, _ volumeDirectory: String) throws -> Void) throws -> [VolumeMount] {
        try mounts.map { mount in
            var mount = mount
            guard mount.kind == .volume else { return mount }
            if mount.source.isEmpty { mount.source = Self.anonymousName() }
            let (volume, created) = try create(mount.source)
            if created { events.emit(Event(.note("volume \(volume.name) created at \(volume.mountpoint)"))) }
            if isEmpty(mount.source) {
                try fill(mount.destination, volume.mountpoint)
                if !isEmpty(mount.source) {
                    events.emit(Event(.note("volume \(volume.name) filled from the image's \(mount.destination)")))
                }
            }
            return mount
        }
    }
}
