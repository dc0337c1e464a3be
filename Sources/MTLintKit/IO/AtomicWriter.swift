import Foundation

/// Replaces a file's content all at once: a temporary file in the same folder,
/// flushed, given the original's permissions, then renamed over it. A failure
/// at any step leaves the original untouched.
public enum AtomicWriter {
    /// `creating`: the file may not exist yet (a new baseline); otherwise it must,
    /// and a file without write permission is refused even for root.
    public static func write(_ bytes: [UInt8], to path: String, creating: Bool = false) throws(InputError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let permissions = (attributes?[.posixPermissions] as? NSNumber)?.uint16Value ?? 0o644
        if attributes != nil || !creating {
            guard attributes != nil else { throw .unreadable(reason: "no such file") }
            guard access(path, W_OK) == 0, permissions & 0o222 != 0 else {
                throw .unreadable(reason: "the file is read-only; it was left unchanged")
            }
        }
        var template = Array("\(folder)/.\(url.lastPathComponent).mtlint-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw .unreadable(reason: "cannot create a temporary file in \(folder)") }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = bytes.withUnsafeBytes { buffer -> Bool in
            var written = 0
            while written < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count <= 0 { return false }
                written += count
            }
            return true
        }
        ok = ok && fchmod(descriptor, mode_t(permissions)) == 0 && fsync(descriptor) == 0
        close(descriptor)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .unreadable(reason: "could not replace the file; it was left unchanged")
        }
    }
}
