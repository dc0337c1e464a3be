import Foundation

/// Turns the command line's paths into the list of inputs to lint: files as
/// given, folders walked recursively for .txt and .md files in sorted order
/// (hidden entries skipped), and "-" for standard input.
///
/// Nothing is dropped silently: an entry that cannot be examined (a name that is
/// not UTF-8, a path too long, a broken link) becomes a failed input, a folder
/// with nothing to lint is one too, and a folder or file reached a second time
/// through links is skipped with a note, so that link cycles end.
public enum InputCollector {
    public static let extensions = Set(DocumentFormat.allCases.flatMap(\.extensions))

    public enum Input: Sendable, Equatable {
        case standardInput
        case file(String)
        /// An input that cannot be linted, and why (exit code 2).
        case failed(String, InputError)
    }

    public struct Collection: Sendable {
        public var inputs: [Input] = []
        /// Entries a folder walk left out on purpose (reached again through a link), and why.
        public var skipped: [(path: String, reason: String)] = []
    }

    /// `selects` filters the files found by walking folders (the configuration's
    /// include/exclude); files named on the command line are always linted.
    public static func collect(_ paths: [String], selects: (String) -> Bool = { _ in true }) -> Collection {
        var collection = Collection()
        if paths.isEmpty { collection.inputs = [.standardInput]; return collection }
        for path in paths {
            if path == "-" { collection.inputs.append(.standardInput); continue }
            var info = stat()
            guard stat(path, &info) == 0 else {
                collection.inputs.append(.failed(path, .unreadable(reason: missingReason(path))))
                continue
            }
            guard info.st_mode & S_IFMT == S_IFDIR else { collection.inputs.append(.file(path)); continue }
            var walk = FolderWalk()
            walk.walk(path, info, selects: selects)
            if walk.found == 0 && walk.collection.inputs.isEmpty {
                let filtered = walk.filteredOut > 0 ? " (\(walk.filteredOut) excluded by the configuration)" : ""
                walk.collection.inputs.append(Input.failed(path, InputError.noInput(reason: "no file to lint in this folder (\(extensions.sorted().map { "." + $0 }.joined(separator: " ")))\(filtered)")))
            }
            collection.inputs += walk.collection.inputs
            collection.skipped += walk.collection.skipped
        }
        return collection
    }

    /// Why `stat` failed on a path named on the command line.
    private static func missingReason(_ path: String) -> String {
        let reason = POSIXFile.errorText()
        // The command line's arguments reach Swift with invalid UTF-8 replaced by U+FFFD.
        return path.unicodeScalars.contains("\u{FFFD}") ? "\(reason) (a name that is not UTF-8 cannot be linted; rename the file)" : reason
    }

    static func isLintable(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: ".") else { return false }
        return extensions.contains(name[name.index(after: dot)...].lowercased())
    }
}

/// One recursive folder walk, visiting each real folder and file once (by device and inode).
private struct FolderWalk {
    struct Identity: Hashable { var device: UInt64; var inode: UInt64 }

    var collection = InputCollector.Collection()
    var seen: [Identity: String] = [:]
    /// Lintable files found, and those the configuration left out.
    var found = 0
    var filteredOut = 0

    /// Links met on the way, followed once the real entries are walked, so that
    /// a file or folder is linted under its own name when the walk reaches it.
    var links: [(path: String, name: String)] = []

    /// Walks a folder, then the links found under it.
    mutating func walk(_ folder: String, _ info: stat, selects: (String) -> Bool) {
        visit(folder, info, selects: selects)
        while !links.isEmpty {
            let (path, name) = links.removeFirst()
            var entry = stat()
            guard stat(path, &entry) == 0 else {
                let code = errno
                // A broken link matters only where a file would have been linted.
                if code != ENOENT || InputCollector.isLintable(name) {
                    collection.inputs.append(.failed(path, .unreadable(reason: POSIXFile.errorText(code))))
                }
                continue
            }
            add(path, name, entry, selects: selects)
        }
    }

    private mutating func visit(_ folder: String, _ info: stat, selects: (String) -> Bool) {
        guard firstVisit(folder, info, kind: "folder") else { return }
        guard let names = listing(folder) else { return }
        for (raw, name) in names {
            guard let name else {
                let shown = String(decoding: raw, as: UTF8.self)
                collection.inputs.append(.failed(join(folder, shown), .unreadable(reason: "the name is not valid UTF-8; rename it to lint it")))
                continue
            }
            let path = join(folder, name)
            var entry = stat()
            guard lstat(path, &entry) == 0 else {
                collection.inputs.append(.failed(path, .unreadable(reason: POSIXFile.errorText())))
                continue
            }
            if entry.st_mode & S_IFMT == S_IFLNK {
                links.append((path, name))
            } else {
                add(path, name, entry, selects: selects)
            }
        }
    }

    private mutating func add(_ path: String, _ name: String, _ entry: stat, selects: (String) -> Bool) {
        if entry.st_mode & S_IFMT == S_IFDIR {
            visit(path, entry, selects: selects)
        } else if InputCollector.isLintable(name) {
            guard selects(path) else { filteredOut += 1; return }
            found += 1
            if firstVisit(path, entry, kind: "file") { collection.inputs.append(.file(path)) }
        }
    }

    /// False (and a note) when this folder or file was already reached by another path.
    private mutating func firstVisit(_ path: String, _ info: stat, kind: String) -> Bool {
        let identity = Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        if let first = seen[identity] {
            collection.skipped.append((path, "the same \(kind) as \(first), reached through a link"))
            return false
        }
        seen[identity] = path
        return true
    }

    /// The folder's entries, sorted by name, hidden ones left out; names that are
    /// not UTF-8 come back as nil beside their bytes.
    private mutating func listing(_ folder: String) -> [(raw: [UInt8], name: String?)]? {
        guard let directory = opendir(folder) else {
            collection.inputs.append(.failed(folder, .unreadable(reason: "cannot list the folder: \(POSIXFile.errorText())")))
            return nil
        }
        defer { closedir(directory) }
        var entries: [(raw: [UInt8], name: String?)] = []
        while let entry = readdir(directory) {
            let raw = withUnsafeBytes(of: entry.pointee.d_name) { buffer in Array(buffer.prefix { $0 != 0 }) }
            if raw.first == UInt8(ascii: ".") { continue }
            entries.append((raw, String(validating: raw, as: UTF8.self)))
        }
        return entries.sorted { $0.raw.lexicographicallyPrecedes($1.raw) }
    }

    private func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
