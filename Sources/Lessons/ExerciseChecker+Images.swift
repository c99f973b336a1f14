/// The checks of the image lessons: two names for one image (lesson 6), a tag a registry serves
/// (lesson 13), and the uid the host gives a container's process (lesson 14). Each reads the store,
/// the registry or `/proc` now, and says what it found.
extension ExerciseChecker {
    /// `one-image A B`: both names resolve to the same image ID, the digest of one config.
    func oneImage(_ a: String, _ b: String) -> (Bool, String) {
        guard let first = state.imageID(a) else { return (false, text.noImageNamed(a)) }
        guard let second = state.imageID(b) else { return (false, text.noImageNamed(b)) }
        return (first == second, text.oneImage(a, first, b, second))
    }

    /// `in-registry REF IMAGE`: the registry serves REF, proved as a registry client proves it
    /// (the manifest and every blob fetched and hashed), and it is what the learner pushed: the
    /// manifest's digest is one `dockyard push` recorded for IMAGE, and its config is IMAGE's.
    func inRegistry(_ tag: RegistryTag, _ image: String) -> (Bool, String) {
        guard let id = state.imageID(image) else { return (false, text.noImageNamed(image)) }
        guard let proof = state.registryProof(tag) else { return (false, text.registryTooSlow(tag, seconds: LiveState.proofTime)) }
        if let failure = proof.failure { return (false, text.registryFailed(tag, failure)) }
        // dockyard printed these from digests it parsed; checked again before they reach the screen.
        guard let manifest = proof.manifest, let config = proof.config, LiveState.isDigest(manifest), LiveState.isDigest(config) else {
            return (false, text.registryFailed(tag, .init(object: .manifest, digest: nil, reason: .refused, detail: "no digest")))
        }
        guard config == id else { return (false, text.registryServes(tag, config: config, image: image, id: id)) }
        let pushed = state.pushedDigests(image, to: tag)
        guard pushed.contains(manifest) else { return (false, text.notYourManifest(tag, manifest: manifest, image: image, pushed: pushed)) }
        return (true, text.registryProved(tag, image: image, manifest: manifest, id: id, layers: proof.layers.count))
    }

    /// `answer uid NAME`: the typed number is the uid the host's kernel gives the container's
    /// first process. The uid inside, when the two differ, is the answer most often given instead.
    func hostUIDAnswer(_ name: String, _ digits: String) -> (Bool, String) {
        guard let container = running(name) else { return (false, missing(name)) }
        guard let host = state.hostUID(container.pid) else { return (false, text.cannotRead("/proc/\(container.pid)/status")) }
        guard !digits.isEmpty else { return (false, text.noAnswer) }
        if digits == String(host) { return (true, text.hostUIDRight(name, host: host, inside: state.effectiveUID(container.pid))) }
        if let inside = state.effectiveUID(container.pid), digits == String(inside) {
            return (false, text.uidIsInside(name, inside: inside))
        }
        return (false, text.hostUIDWrong(name, digits))
    }
}
