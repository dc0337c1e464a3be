import Foundation

/// Replaces a file's content all at once: a temporary file in the same folder,
/// written in full, given the original's mode and owner, flushed, then renamed
/// over it. A failure at any step leaves the original untouched.
///
/// A symbolic link is followed: its target is replaced and the link stays a
/// link. A file with other hard links is refused, since a rename would leave
/// the other names on the old content.
public enum AtomicWriter {
    /// `creating`: the file may not exist yet (a new baseline); otherwise it must,
    /// and a file without write permission is refused even for root.
    public static func write(_ bytes: [UInt8], to path: String, creating: Bool = false) throws(InputError) {
        let target = realTarget(path)
        var info = stat()
        let exists = stat(target, &info) == 0
        if !exists {
            let code = errno
            guard creating, code == ENOENT else { throw unchanged(POSIXFile.errorText(code)) }
        } else {
            guard info.st_mode & S_IFMT == S_IFREG else { throw unchanged("not a regular file") }
            guard access(target, W_OK) == 0, info.st_mode & 0o222 != 0 else { throw unchanged("the file is read-only") }
            guard info.st_nlink <= 1 else {
                throw unchanged("it has \(info.st_nlink) hard links, which replacing it would break; fix a copy, or apply the output of --diff")
            }
        }
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var template = Array("\(folder.isEmpty ? "." : folder)/.\(name).mtlint-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw unchanged("cannot create a temporary file in \(folder.isEmpty ? "." : folder): \(POSIXFile.errorText())")
        }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        do throws(InputError) {
            try POSIXFile.writeAll(bytes, to: descriptor)
            let mode = exists ? mode_t(info.st_mode & 0o7777) : 0o666 & ~currentUmask()
            if exists && (info.st_uid != geteuid() || info.st_gid != getegid()) && fchown(descriptor, info.st_uid, info.st_gid) != 0 {
                throw InputError.unwritable(reason: "cannot keep its owner (\(info.st_uid):\(info.st_gid)): \(POSIXFile.errorText())")
            }
            guard fchmod(descriptor, mode) == 0 else { throw InputError.unwritable(reason: "cannot keep its mode: \(POSIXFile.errorText())") }
            guard fsync(descriptor) == 0 else { throw InputError.unwritable(reason: POSIXFile.errorText()) }
            close(descriptor)
            guard rename(temporary, target) == 0 else { throw InputError.unwritable(reason: POSIXFile.errorText()) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw unchanged(error.reason)
        }
    }

    private static func unchanged(_ reason: String) -> InputError {
        .unwritable(reason: "\(reason); the file was left unchanged")
    }

    /// The file a path names once symbolic links are followed (the path itself when it is none).
    static func realTarget(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {  // as many links as the kernel follows (ELOOP)
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK,
                  let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return current }
            current = destination.hasPrefix("/") ? destination
                : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
        }
        return current
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }
}
