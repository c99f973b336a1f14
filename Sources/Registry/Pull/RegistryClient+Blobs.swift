import Explain
import HostSystem
import OCI
#if canImport(Glibc)
import Glibc
#endif

extension RegistryClient {
    /// `GET /v2/<name>/blobs/<digest>` into a new file at `path`, hashed as it is written.
    ///
    /// The registry usually redirects to a storage host; the redirect is followed without
    /// credentials. A connection that breaks midway is resumed with `Range: bytes=N-` (or started
    /// again when the server ignores the range), with backoff. More bytes than the descriptor's
    /// size abort at once; at the end the size and the digest must both match, or the file is
    /// deleted and nothing is kept. `progress` gets the bytes written so far.
    public func fetchBlob(_ descriptor: Descriptor, repository: String, to path: String,
                          progress: @escaping (Int64) -> Void = { _ in }) throws(RegistryError) {
        let file: FileDescriptor
        do {
            file = try FileDescriptor.open(path, O_WRONLY | O_CREAT | O_EXCL, permissions: 0o600)
        } catch {
            throw RegistryError(.store, "cannot create \(path): \(error)")
        }
        defer { file.close() }
        do throws(RegistryError) {
            try download(descriptor, repository: repository, into: BlobSink(file: file, path: path, expectedSize: descriptor.size, progress: progress))
            guard fsync(file.rawValue) == 0 else {
                throw RegistryError(.store, "fsync \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(path)
            throw error
        }
    }

    /// `GET /v2/<name>/blobs/<digest>` hashed and counted as it arrives, and nothing kept: proof
    /// that the registry serves the blob's bytes, with the same checks (and retries) as
    /// `fetchBlob`, while no more than one chunk of it is ever in memory.
    public func verifyBlob(_ descriptor: Descriptor, repository: String) throws(RegistryError) {
        try download(descriptor, repository: repository, into: BlobSink(file: nil, path: "", expectedSize: descriptor.size, progress: { _ in }))
    }

    private func download(_ descriptor: Descriptor, repository: String, into sink: BlobSink) throws(RegistryError) {
        let request = HTTPRequest("GET", try url("/v2/\(repository)/blobs/\(descriptor.digest)"))
        var attempt = 0
        while true {
            attempt += 1
            let resumeFrom = sink.written
            sink.beginAttempt()
            do throws(RegistryError) {
                let response = try send(request, scopes: [Self.pullScope(repository)], resumeFrom: resumeFrom,
                                        body: .stream { status, chunk in sink.receive(chunk, status: status) }, retrying: false)
                if let failure = sink.failure { throw failure }
                if response.status == 206 || response.status == 200 { break }
                if Self.retryableStatuses.contains(response.status), attempt < attempts {
                    pause(attempt: attempt, retryAfter: response.header("Retry-After"))
                    continue
                }
                throw failure(response, "blob \(descriptor.digest)")
            } catch where error.isRetryable && attempt < attempts && sink.failure == nil {
                pause(attempt: attempt, retryAfter: nil)
            }
        }
        guard sink.written == descriptor.size else {
            throw RegistryError(.verification, "blob \(descriptor.digest) has \(sink.written) bytes, but its descriptor says \(descriptor.size); refused")
        }
        let digest = sink.hasher.finalize()
        guard digest == descriptor.digest else {
            throw RegistryError(.verification, "blob \(descriptor.digest) hashes to \(digest): the bytes are not what the manifest names; refused")
        }
    }

    /// `HEAD /v2/<name>/blobs/<digest>`: does the registry hold this blob? (A push skips it if so.)
    public func hasBlob(_ digest: Digest, repository: String, scopes: [String]) throws(RegistryError) -> Bool {
        let response = try send(HTTPRequest("HEAD", try url("/v2/\(repository)/blobs/\(digest)")), scopes: scopes)
        if response.isSuccess { return true }
        if response.status == 404 { return false }
        throw failure(response, "blob \(digest)", pushing: true)
    }
}

/// Where a blob's bytes go as they arrive: the file (none when they are only checked), the
/// running hash, the count.
private final class BlobSink {
    let file: FileDescriptor?
    let path: String
    let expectedSize: Int64
    let progress: (Int64) -> Void
    var hasher = Digest.Hasher()
    var written: Int64 = 0
    var failure: RegistryError?
    /// The first chunk of this attempt is still to come.
    private var attemptStarting = true

    init(file: FileDescriptor?, path: String, expectedSize: Int64, progress: @escaping (Int64) -> Void) {
        self.file = file
        self.path = path
        self.expectedSize = expectedSize
        self.progress = progress
    }

    func beginAttempt() {
        attemptStarting = true
    }

    func receive(_ chunk: UnsafeRawBufferPointer, status: Int) -> Bool {
        if attemptStarting {
            attemptStarting = false
            if status == 200, written > 0 {
                // Asked for the rest, the server sent everything again: start the file over.
                if let file, ftruncate(file.rawValue, 0) != 0 || lseek(file.rawValue, 0, SEEK_SET) != 0 {
                    failure = RegistryError(.store, "truncate \(path): \(String(cString: strerror(errno)))")
                    return false
                }
                hasher = Digest.Hasher()
                written = 0
            }
        }
        guard written + Int64(chunk.count) <= expectedSize else {
            failure = RegistryError(.verification, "the registry sent more than the \(expectedSize) bytes the manifest gives this blob; refused")
            return false
        }
        do {
            try file?.writeAll(chunk, path: path)
        } catch {
            failure = RegistryError(.store, "\(error)")
            return false
        }
        hasher.update(chunk)
        written += Int64(chunk.count)
        progress(written)
        return true
    }
}
