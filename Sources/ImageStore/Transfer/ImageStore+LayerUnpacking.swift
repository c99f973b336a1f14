import HostSystem
import OCI
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A layer blob that arrived with an image (from an archive or a registry), waiting to be read
/// entry by entry and unpacked: its staged file, its name for messages, and the diff_id the
/// image's config gives it.
struct LayerToUnpack: Sendable {
    let file: ArchiveStaging.File
    let name: String
    let diffID: Digest
}

extension ImageStore {
    /// Checks a layer and unpacks it in one read of its blob: each entry goes through `load`'s
    /// validator and then into a temporary directory beside `layers/`, and the stream's diff_id
    /// must be the config's (`mismatch` says otherwise in the caller's words). Returns the layer
    /// for `commitUnpackedLayers`, or nil when it is unpacked already (then it is only checked).
    /// A refused layer leaves no directory.
    func unpackChecked(_ layer: LayerToUnpack, mismatch: (Digest) -> ImageStoreError) throws -> UnpackedLayer? {
        let directory = layersPath + "/" + layer.diffID.hex
        if FileSystem.exists(directory) {
            let diffID = try LayerValidator.validate(layer.file, layer: layer.name)
            guard diffID == layer.diffID else { throw mismatch(diffID) }
            return nil
        }
        let temporary = layersPath + "/.tmp-\(layer.diffID.shortID)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(temporary, 0o700) == 0 else { throw ImageStoreError.system("mkdir", temporary) }
        do {
            let reader = try TarReader(layer: layer.file)
            let extractor = try LayerExtractor(directory: temporary)
            var validator = LayerValidator.State()
            let files: Int
            let diffID: Digest
            do {
                files = try extractor.extract(from: reader) { (entry) throws(ImageStoreError) in try validator.check(entry) }
                diffID = try reader.diffID(of: layer.file)
            } catch {
                throw ImageStoreError(error.code == .system ? .invalidArchive : error.code, "layer \(layer.name): \(error.message)")
            }
            guard diffID == layer.diffID else { throw mismatch(diffID) }
            return UnpackedLayer(temporary: temporary, directory: directory, diffID: layer.diffID, files: files, notes: extractor.notes)
        } catch {
            FileSystem.removeTree(temporary)
            throw error
        }
    }

    /// `unpackChecked` for every layer, on as many threads at once as the machine has
    /// processors: each layer goes into its own directory and its whiteouts apply within it, so
    /// layers are independent until overlayfs stacks them. All or nothing: once a layer fails no
    /// further one is started, every directory made is removed, and the failure thrown is the
    /// one of the first failing layer in `layers`' order (the same whatever the threads did:
    /// layers are taken in order, and a started one always finishes).
    func unpackAll(_ layers: [LayerToUnpack],
                   mismatch: @escaping @Sendable (LayerToUnpack, Digest) -> ImageStoreError) throws -> [UnpackedLayer] {
        let outcomes = Mutex<(results: [Result<UnpackedLayer?, any Error>?], failed: Bool)>(
            (Array(repeating: nil, count: layers.count), false))
        ParallelWork.run(count: layers.count, width: ParallelWork.processorCount) { i in
            guard !outcomes.withLock({ $0.failed }) else { return }
            let result = Result { try self.unpackChecked(layers[i]) { mismatch(layers[i], $0) } }
            outcomes.withLock { state in
                state.results[i] = result
                if case .failure = result { state.failed = true }
            }
        }
        let results = outcomes.withLock { $0.results }
        let unpacked = results.compactMap { result in if case let .success(layer?)? = result { layer } else { nil } }
        for result in results {
            if case let .failure(error)? = result {
                removeUnpackedLayers(unpacked)
                throw error
            }
        }
        return unpacked
    }
}
