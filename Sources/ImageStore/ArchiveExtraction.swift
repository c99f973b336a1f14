#if canImport(Glibc)
import Glibc
#endif

/// Unpacks a tar archive (plain or gzip) into a directory with the same safety rules as image
/// layers: no `..`, no absolute paths, nothing written through a symlink. `ADD app.tar.gz /app/`
/// uses it.
public enum ArchiveExtraction {
    /// Extracts `path` into `directory` (made if missing) and returns the number of entries, or
    /// nil if the file is not a tar archive (ADD then copies it as a plain file).
    public static func extractIfArchive(_ path: String, into directory: String) throws -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_size > 0 else { return nil }
        let reader: TarReader
        do {
            reader = try TarReader(path: path)
            // libarchive decides the format when it reads the first header.
            guard try Self.looksLikeTar(path) else { return nil }
        } catch {
            return nil
        }
        try FileSystem.makeDirectories(directory)
        return try LayerExtractor(directory: directory).extract(from: reader)
    }

    /// A tar file has "ustar" at offset 257 of its first header; a gzip file starts 1f 8b and is
    /// checked by reading its first header.
    private static func looksLikeTar(_ path: String) throws -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 512)
        let count = read(fd, &header, 512)
        if count >= 2, header[0] == 0x1f, header[1] == 0x8b {
            return (try? TarReader(path: path).next()) != nil
        }
        return count >= 262 && Array(header[257..<262]) == Array("ustar".utf8)
    }
}
