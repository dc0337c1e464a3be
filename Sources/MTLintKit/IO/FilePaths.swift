import Foundation

/// Path spelling: absolute, with links resolved, and relative to a folder.
enum FilePaths {
    static func absolute(_ path: String) -> String {
        absolute(path, in: FileManager.default.currentDirectoryPath)
    }

    /// `path` made absolute from `directory` (a run asks for the working directory once, not per file).
    static func absolute(_ path: String, in directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : directory + "/" + (path.isEmpty ? "." : path)
        // Most paths have no part that starts with a dot and no doubled or final slash: nothing to spell out.
        if !zip(joined.utf8, joined.utf8.dropFirst()).contains(where: { $0 == UInt8(ascii: "/") && ($1 == UInt8(ascii: ".") || $1 == UInt8(ascii: "/")) }),
           joined.utf8.last != UInt8(ascii: "/") {
            return joined
        }
        // Spelled out lexically: Foundation's standardizingPath also resolves links, a system call
        // for each part, once per file linted.
        var parts: [Substring] = []
        for part in joined.split(separator: "/") where part != "." {
            if part == ".." { if !parts.isEmpty { parts.removeLast() } } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The path with every link resolved, or as given when it does not exist.
    static func real(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `path` relative to `folder`, both absolute ("../b/x.md" when they diverge).
    static func relative(_ path: String, to folder: String) -> String {
        let target = path.split(separator: "/"), base = folder.split(separator: "/")
        var common = 0
        while common < min(target.count, base.count) && target[common] == base[common] { common += 1 }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
